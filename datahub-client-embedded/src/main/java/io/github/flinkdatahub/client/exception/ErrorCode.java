package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The service's error codes: which exception each one becomes, whether it is worth retrying, and
 * the HTTP status the service answers with. The emulator answers with the same statuses, so this
 * table is the single place where code, status and exception type meet.
 */
@PublicEvolving
public enum ErrorCode {
    INVALID_PARAMETER("InvalidParameter", 400, false, Kind.INVALID_PARAMETER),
    INVALID_CURSOR("InvalidCursor", 400, false, Kind.INVALID_CURSOR),
    INVALID_SUBSCRIPTION("InvalidSubscription", 400, false, Kind.INVALID_PARAMETER),
    INVALID_URI_SPEC("InvalidUriSpec", 400, false, Kind.INVALID_PARAMETER),
    INVALID_SCHEMA("InvalidSchema", 400, false, Kind.INVALID_PARAMETER),
    INVALID_OPERATION("InvalidOperation", 400, false, Kind.INVALID_OPERATION),
    MALFORMED_RECORD("MalformedRecord", 400, false, Kind.MALFORMED_RECORD),
    SEEK_OUT_OF_RANGE("SeekOutOfRange", 400, false, Kind.SEEK_OUT_OF_RANGE),
    INVALID_SHARD_OPERATION("InvalidShardOperation", 400, false, Kind.SHARD_SEALED),
    OFFSET_RESETED("OffsetReseted", 400, false, Kind.OFFSET_RESET),
    OFFSET_SESSION_CHANGED("OffsetSessionChanged", 400, false, Kind.SESSION_CHANGED),
    OFFSET_SESSION_CLOSED("OffsetSessionClosed", 400, false, Kind.SESSION_CLOSED),
    SUBSCRIPTION_OFFLINE("SubscriptionOffline", 400, false, Kind.SUBSCRIPTION_OFFLINE),
    LIST_SUBSCRIPTION_OUT_OF_RANGE(
            "ListSubscriptionOutofRange", 400, false, Kind.INVALID_PARAMETER),
    UNAUTHORIZED("Unauthorized", 403, false, Kind.AUTHORIZATION),
    SIGNATURE_NOT_MATCH("SignatureNotMatch", 403, false, Kind.AUTHORIZATION),
    NO_PERMISSION("NoPermission", 403, false, Kind.NO_PERMISSION),
    OPERATION_DENIED("OperationDenied", 403, false, Kind.OPERATION_DENIED),
    RESOURCE_NOT_FOUND("ResourceNotFound", 404, false, Kind.NOT_FOUND),
    NO_SUCH_PROJECT("NoSuchProject", 404, false, Kind.NOT_FOUND),
    NO_SUCH_TOPIC("NoSuchTopic", 404, false, Kind.NOT_FOUND),
    NO_SUCH_SHARD("NoSuchShard", 404, false, Kind.SHARD_NOT_FOUND),
    NO_SUCH_CONNECTOR("NoSuchConnector", 404, false, Kind.NOT_FOUND),
    NO_SUCH_SUBSCRIPTION("NoSuchSubscription", 404, false, Kind.NOT_FOUND),
    NO_SUCH_CONSUMER("NoSuchConsumer", 404, false, Kind.NOT_FOUND),
    NO_SUCH_METERING_INFO("NoSuchMeteringInfo", 404, false, Kind.NOT_FOUND),
    RESOURCE_ALREADY_EXIST("ResourceAlreadyExist", 409, false, Kind.EXISTS),
    PROJECT_ALREADY_EXIST("ProjectAlreadyExist", 409, false, Kind.EXISTS),
    TOPIC_ALREADY_EXIST("TopicAlreadyExist", 409, false, Kind.EXISTS),
    CONNECTOR_ALREADY_EXIST("ConnectorAlreadyExist", 409, false, Kind.EXISTS),
    RESOURCE_LIMIT("ResourceLimit", 400, false, Kind.LIMIT_EXCEEDED),
    LIMIT_EXCEEDED("LimitExceeded", 429, true, Kind.LIMIT_EXCEEDED),
    INTERNAL_SERVER_ERROR("InternalServerError", 500, true, Kind.INTERNAL),
    SHARD_NOT_READY("ShardNotReady", 503, true, Kind.IN_PROCESS),
    CONSUMER_GROUP_IN_PROCESS("ConsumerGroupInProcess", 503, true, Kind.IN_PROCESS);

    private static final Map<String, ErrorCode> BY_CODE = new HashMap<>();

    static {
        for (ErrorCode c : values()) {
            BY_CODE.put(c.code.toLowerCase(Locale.ROOT), c);
        }
    }

    private final String code;
    private final int httpStatus;
    private final boolean retryable;
    private final Kind kind;

    ErrorCode(String code, int httpStatus, boolean retryable, Kind kind) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.retryable = retryable;
        this.kind = kind;
    }

    /** The code as it appears in {@code ErrorCode} of an error body. */
    public String code() {
        return code;
    }

    /** The HTTP status the service answers this code with. */
    public int httpStatus() {
        return httpStatus;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Looks a code up ignoring case; null for codes this client does not know. */
    public static ErrorCode fromCode(String code) {
        return code == null ? null : BY_CODE.get(code.toLowerCase(Locale.ROOT));
    }

    /** Retry rule: known retryable codes, and any 5xx or unknown code answered with a 5xx. */
    static boolean isRetryable(String code, int httpStatus) {
        ErrorCode known = fromCode(code);
        if (known != null) {
            return known.retryable;
        }
        return httpStatus >= 500 && httpStatus != DataHubException.CLIENT_STATUS;
    }

    /** The typed exception for an error answer of the service. */
    public static DataHubException toException(
            String code, String message, String requestId, int httpStatus) {
        ErrorCode known = fromCode(code);
        Kind kind = known != null ? known.kind : (httpStatus >= 500 ? Kind.INTERNAL : Kind.GENERIC);
        return kind.create(message, code, requestId, httpStatus);
    }

    /** Builds an exception of this code, e.g. for the emulator or for client-side validation. */
    public DataHubException exception(String message) {
        return kind.create(message, code, null, httpStatus);
    }

    private enum Kind {
        GENERIC,
        INVALID_PARAMETER,
        INVALID_CURSOR,
        MALFORMED_RECORD,
        SEEK_OUT_OF_RANGE,
        INVALID_OPERATION,
        SHARD_SEALED,
        OPERATION_DENIED,
        OFFSET_RESET,
        SESSION_CHANGED,
        SESSION_CLOSED,
        SUBSCRIPTION_OFFLINE,
        AUTHORIZATION,
        NO_PERMISSION,
        NOT_FOUND,
        SHARD_NOT_FOUND,
        EXISTS,
        LIMIT_EXCEEDED,
        INTERNAL,
        IN_PROCESS;

        DataHubException create(String m, String c, String r, int s) {
            switch (this) {
                case INVALID_PARAMETER:
                    return new InvalidParameterException(m, c, r, s);
                case INVALID_CURSOR:
                    return new InvalidCursorException(m, c, r, s);
                case MALFORMED_RECORD:
                    return new MalformedRecordException(m, c, r, s);
                case SEEK_OUT_OF_RANGE:
                    return new SeekOutOfRangeException(m, c, r, s);
                case INVALID_OPERATION:
                    return new InvalidOperationException(m, c, r, s);
                case SHARD_SEALED:
                    return new ShardSealedException(m, c, r, s);
                case OPERATION_DENIED:
                    return new OperationDeniedException(m, c, r, s);
                case OFFSET_RESET:
                    return new OffsetResetException(m, c, r, s);
                case SESSION_CHANGED:
                    return new OffsetSessionChangedException(m, c, r, s);
                case SESSION_CLOSED:
                    return new OffsetSessionClosedException(m, c, r, s);
                case SUBSCRIPTION_OFFLINE:
                    return new SubscriptionOfflineException(m, c, r, s);
                case AUTHORIZATION:
                    return new AuthorizationFailedException(m, c, r, s);
                case NO_PERMISSION:
                    return new NoPermissionException(m, c, r, s);
                case NOT_FOUND:
                    return new ResourceNotFoundException(m, c, r, s);
                case SHARD_NOT_FOUND:
                    return new ShardNotFoundException(m, c, r, s);
                case EXISTS:
                    return new ResourceExistException(m, c, r, s);
                case LIMIT_EXCEEDED:
                    return new LimitExceededException(m, c, r, s);
                case INTERNAL:
                    return new InternalServerException(m, c, r, s);
                case IN_PROCESS:
                    return new ServiceInProcessException(m, c, r, s);
                default:
                    return new DataHubException(m, c, r, s);
            }
        }
    }
}
