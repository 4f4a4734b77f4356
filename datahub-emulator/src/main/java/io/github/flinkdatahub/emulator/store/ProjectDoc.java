package io.github.flinkdatahub.emulator.store;

/** A stored project. Times in seconds, as the service reports them. */
public final class ProjectDoc {
    public String name;
    public String comment;
    public String creator;
    public long createTime;
    public long lastModifyTime;

    /** VPC ids allowed to reach the project (Java SDK 2.21.6 updateProjectVpcWhitelist). */
    public java.util.List<String> vpcWhitelist = new java.util.ArrayList<>();
}
