package io.github.flinkdatahub.emulator.store;

/** A stored project. Times in seconds, as the service reports them. */
public final class ProjectDoc {
    public String name;
    public String comment;
    public String creator;
    public long createTime;
    public long lastModifyTime;
}
