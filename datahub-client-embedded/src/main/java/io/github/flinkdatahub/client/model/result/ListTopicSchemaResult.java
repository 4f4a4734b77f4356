package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

import java.util.List;

/** One page of a topic's registered schema versions. */
@PublicEvolving
public final class ListTopicSchemaResult {
    private final int pageNumber;
    private final int pageSize;
    private final int pageCount;
    private final long totalCount;
    private final List<GetTopicSchemaResult> recordSchemaList;

    public ListTopicSchemaResult(
            int pageNumber,
            int pageSize,
            int pageCount,
            long totalCount,
            List<GetTopicSchemaResult> recordSchemaList) {
        this.pageNumber = pageNumber;
        this.pageSize = pageSize;
        this.pageCount = pageCount;
        this.totalCount = totalCount;
        this.recordSchemaList =
                recordSchemaList == null ? List.of() : List.copyOf(recordSchemaList);
    }

    public int getPageNumber() {
        return pageNumber;
    }

    public int getPageSize() {
        return pageSize;
    }

    public int getPageCount() {
        return pageCount;
    }

    public long getTotalCount() {
        return totalCount;
    }

    public List<GetTopicSchemaResult> getRecordSchemaList() {
        return recordSchemaList;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ListTopicSchemaResult)) {
            return false;
        }
        ListTopicSchemaResult r = (ListTopicSchemaResult) o;
        return pageNumber == r.pageNumber
                && pageSize == r.pageSize
                && pageCount == r.pageCount
                && totalCount == r.totalCount
                && java.util.Objects.equals(recordSchemaList, r.recordSchemaList);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(
                pageNumber, pageSize, pageCount, totalCount, recordSchemaList);
    }

    @Override
    public String toString() {
        return "ListTopicSchemaResult{pageNumber="
                + pageNumber
                + ", pageSize="
                + pageSize
                + ", pageCount="
                + pageCount
                + ", totalCount="
                + totalCount
                + ", recordSchemaList="
                + recordSchemaList
                + '}';
    }
}
