package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/** A project's description and times (seconds since the epoch, as the service sends them). */
@PublicEvolving
public final class GetProjectResult {
    private final String projectName;
    private final String comment;
    private final long createTime;
    private final long lastModifyTime;
    private final String creator;

    public GetProjectResult(
            String projectName,
            String comment,
            long createTime,
            long lastModifyTime,
            String creator) {
        this.projectName = projectName;
        this.comment = comment;
        this.createTime = createTime;
        this.lastModifyTime = lastModifyTime;
        this.creator = creator;
    }

    public String getProjectName() {
        return projectName;
    }

    public String getComment() {
        return comment;
    }

    public long getCreateTime() {
        return createTime;
    }

    public long getLastModifyTime() {
        return lastModifyTime;
    }

    public String getCreator() {
        return creator;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GetProjectResult)) {
            return false;
        }
        GetProjectResult r = (GetProjectResult) o;
        return java.util.Objects.equals(projectName, r.projectName)
                && java.util.Objects.equals(comment, r.comment)
                && createTime == r.createTime
                && lastModifyTime == r.lastModifyTime
                && java.util.Objects.equals(creator, r.creator);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(projectName, comment, createTime, lastModifyTime, creator);
    }

    @Override
    public String toString() {
        return "GetProjectResult{projectName="
                + projectName
                + ", comment="
                + comment
                + ", createTime="
                + createTime
                + ", lastModifyTime="
                + lastModifyTime
                + ", creator="
                + creator
                + '}';
    }
}
