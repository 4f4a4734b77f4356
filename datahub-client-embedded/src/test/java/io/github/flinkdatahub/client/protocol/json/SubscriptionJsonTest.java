package io.github.flinkdatahub.client.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.model.result.CreateSubscriptionResult;
import io.github.flinkdatahub.client.model.result.GetSubscriptionOffsetResult;
import io.github.flinkdatahub.client.model.result.GetSubscriptionResult;
import io.github.flinkdatahub.client.model.result.InitAndGetSubscriptionOffsetResult;
import io.github.flinkdatahub.client.model.result.ListSubscriptionResult;
import io.github.flinkdatahub.client.model.subscription.OffsetBase;
import io.github.flinkdatahub.client.model.subscription.OffsetWithSession;
import io.github.flinkdatahub.client.model.subscription.OffsetWithVersion;
import io.github.flinkdatahub.client.model.subscription.Subscription;
import io.github.flinkdatahub.client.model.subscription.SubscriptionState;
import io.github.flinkdatahub.client.model.subscription.SubscriptionType;
import io.github.flinkdatahub.client.protocol.json.SubscriptionJson.ListSubscriptionRequest;
import io.github.flinkdatahub.client.protocol.json.SubscriptionJson.UpdateSubscriptionRequest;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.flinkdatahub.client.protocol.json.ConnectorConfigJsonTest.compact;
import static io.github.flinkdatahub.client.protocol.json.ConnectorConfigJsonTest.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionJsonTest {

    private static Subscription subscription(String subId, SubscriptionState state) {
        return Subscription.builder()
                .subId(subId)
                .topicName("t")
                .comment("c " + subId)
                .creator("alice")
                .type(SubscriptionType.USER)
                .state(state)
                .createTime(1565580329L)
                .lastModifyTime(1565580400L)
                .owner(true)
                .build();
    }

    // ---- subscriptions ----

    @Test
    void createRoundTrips() {
        ObjectNode request = SubscriptionJson.writeCreateRequest("for flink");
        assertThat(request.toString())
                .isEqualTo("{\"Action\":\"create\",\"Comment\":\"for flink\"}");
        assertThat(SubscriptionJson.readCreateRequest(request)).isEqualTo("for flink");
        assertThat(SubscriptionJson.readCreateRequest(parse("{\"Action\":\"create\"}"))).isEmpty();

        ObjectNode response =
                SubscriptionJson.writeCreateResponse(
                        new CreateSubscriptionResult("1565580329258VXSY8"));
        assertThat(response.toString()).isEqualTo("{\"SubId\":\"1565580329258VXSY8\"}");
        assertThat(SubscriptionJson.readCreateResponse(response).getSubId())
                .isEqualTo("1565580329258VXSY8");
    }

    @Test
    void listRequestSendsSearchOnlyWhenGiven() {
        ObjectNode plain = SubscriptionJson.writeListRequest(2, 5, "");
        assertThat(plain.toString())
                .isEqualTo("{\"Action\":\"list\",\"PageIndex\":2,\"PageSize\":5}");
        assertThat(SubscriptionJson.readListRequest(plain))
                .isEqualTo(new ListSubscriptionRequest(2, 5, null));

        ObjectNode search = SubscriptionJson.writeListRequest(1, 10, "flink");
        assertThat(search.toString())
                .isEqualTo(
                        "{\"Action\":\"list\",\"PageIndex\":1,\"PageSize\":10,\"Search\":\"flink\"}");
        assertThat(SubscriptionJson.readListRequest(search).getSearch()).isEqualTo("flink");
    }

    @Test
    void listRequestRejectsPagesBelowOne() {
        assertThatThrownBy(() -> SubscriptionJson.writeListRequest(0, 10, null))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("pageIndex");
        assertThatThrownBy(() -> SubscriptionJson.writeListRequest(1, 0, null))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("pageSize");
        assertThatThrownBy(() -> SubscriptionJson.readListRequest(parse("{\"Action\":\"list\"}")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void listResponseRoundTripsAndSendsBothOwnerSpellings() {
        ListSubscriptionResult result =
                new ListSubscriptionResult(
                        7,
                        List.of(
                                subscription("s1", SubscriptionState.ACTIVE),
                                subscription("s2", SubscriptionState.INACTIVE)));

        ObjectNode body = SubscriptionJson.writeListResponse(result);

        assertThat(body.at("/Subscriptions/0").toString())
                .isEqualTo(
                        compact(
                                """
                {"SubId":"s1","TopicName":"t","Comment":"c s1","Creator":"alice","Type":0,"State":1,
                 "CreateTime":1565580329,"LastModifyTime":1565580400,"IsOwner":true,"Owner":true}"""));
        assertThat(body.at("/Subscriptions/1/State").intValue()).isZero();
        assertThat(SubscriptionJson.readListResponse(body)).isEqualTo(result);
    }

    @Test
    void getResponseRoundTrips() {
        GetSubscriptionResult result =
                new GetSubscriptionResult(subscription("s1", SubscriptionState.INACTIVE));
        ObjectNode body = SubscriptionJson.writeGetResponse(result);

        GetSubscriptionResult read = SubscriptionJson.readGetResponse(body);

        assertThat(read).isEqualTo(result);
        assertThat(read.getState()).isEqualTo(SubscriptionState.OFFLINE);
        assertThat(read.isOwner()).isTrue();
    }

    @Test
    void subscriptionReaderIsTolerant() {
        GetSubscriptionResult pythonGet =
                SubscriptionJson.readGetResponse(
                        parse(
                                """
                {"SubId":"s","TopicName":"t","Type":"1","State":"1","Owner":true,"RouterPriority":0,"New":[1]}"""));
        assertThat(pythonGet.getType()).isEqualTo(SubscriptionType.SYSTEM);
        assertThat(pythonGet.getState()).isEqualTo(SubscriptionState.ACTIVE);
        assertThat(pythonGet.isOwner()).isTrue();
        assertThat(pythonGet.getComment()).isNull();

        GetSubscriptionResult unknown =
                SubscriptionJson.readGetResponse(parse("{\"Type\":7,\"State\":\"ONLINE\"}"));
        assertThat(unknown.getType()).isNull();
        assertThat(unknown.getState()).isEqualTo(SubscriptionState.ACTIVE);
        assertThat(unknown.isOwner()).isFalse();

        ListSubscriptionResult list =
                SubscriptionJson.readListResponse(parse("{\"Subscriptions\":[{\"SubId\":\"a\"}]}"));
        assertThat(list.getTotalCount()).isEqualTo(1);
        assertThat(list.getSubscriptions().get(0).getState()).isNull();
    }

    @Test
    void updateCommentAndStateAreSeparateBodies() {
        ObjectNode comment = SubscriptionJson.writeUpdateCommentRequest("nc");
        ObjectNode state = SubscriptionJson.writeUpdateStateRequest(SubscriptionState.OFFLINE);

        assertThat(comment.toString()).isEqualTo("{\"Comment\":\"nc\"}");
        assertThat(state.toString()).isEqualTo("{\"State\":0}");
        assertThat(SubscriptionJson.readUpdateRequest(comment))
                .isEqualTo(new UpdateSubscriptionRequest("nc", null));
        assertThat(SubscriptionJson.readUpdateRequest(state))
                .isEqualTo(new UpdateSubscriptionRequest(null, SubscriptionState.INACTIVE));
        assertThat(SubscriptionJson.readUpdateRequest(parse("{\"State\":\"1\"}")).getState())
                .isEqualTo(SubscriptionState.ACTIVE);
        assertThatThrownBy(() -> SubscriptionJson.readUpdateRequest(parse("{\"State\":5}")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> SubscriptionJson.readUpdateRequest(parse("{}")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Comment");
    }

    // ---- offsets ----

    @Test
    void openRequestNamesTheShards() {
        ObjectNode body = SubscriptionJson.writeOpenOffsetRequest(List.of("0", "1"));

        assertThat(body.toString()).isEqualTo("{\"Action\":\"open\",\"ShardIds\":[\"0\",\"1\"]}");
        assertThat(SubscriptionJson.readShardIds(body)).containsExactly("0", "1");
        assertThatThrownBy(() -> SubscriptionJson.writeOpenOffsetRequest(List.of()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("shard id");
    }

    @Test
    void getRequestOmitsShardIdsForAllShards() {
        assertThat(SubscriptionJson.writeGetOffsetRequest(null).toString())
                .isEqualTo("{\"Action\":\"get\"}");
        assertThat(SubscriptionJson.writeGetOffsetRequest(List.of()).toString())
                .isEqualTo("{\"Action\":\"get\"}");
        ObjectNode some = SubscriptionJson.writeGetOffsetRequest(List.of("2"));
        assertThat(some.toString()).isEqualTo("{\"Action\":\"get\",\"ShardIds\":[\"2\"]}");
        assertThat(SubscriptionJson.readShardIds(SubscriptionJson.writeGetOffsetRequest(null)))
                .isEmpty();
    }

    @Test
    void openResponseCarriesANumericSessionId() {
        JsonNode service =
                parse(
                        """
                {"Offsets":{"0":{"Timestamp":-1,"Sequence":-1,"BatchIndex":0,"Version":3,"SessionId":7},
                            "1":{"Timestamp":"1700000000000","Sequence":"41","Version":"3","SessionId":"8"}}}""");

        InitAndGetSubscriptionOffsetResult result =
                SubscriptionJson.readOpenOffsetResponse(service);

        assertThat(result.getOffsets())
                .containsExactly(
                        Map.entry("0", new OffsetWithSession(-1, -1, 0, 3, 7)),
                        Map.entry("1", new OffsetWithSession(41, 1700000000000L, 0, 3, 8)));
        ObjectNode written = SubscriptionJson.writeOpenOffsetResponse(result);
        assertThat(written.at("/Offsets/0").toString())
                .isEqualTo(
                        "{\"Timestamp\":-1,\"Sequence\":-1,\"BatchIndex\":0,\"Version\":3,\"SessionId\":7}");
        assertThat(SubscriptionJson.readOpenOffsetResponse(written)).isEqualTo(result);
    }

    @Test
    void getResponseHasNoSessionId() {
        Map<String, OffsetWithVersion> offsets = new LinkedHashMap<>();
        offsets.put("0", new OffsetWithVersion(10, 1700000000000L, 2, 3));
        GetSubscriptionOffsetResult result = new GetSubscriptionOffsetResult(offsets);

        ObjectNode body = SubscriptionJson.writeGetOffsetResponse(result);

        assertThat(body.toString())
                .isEqualTo(
                        compact(
                                """
                {"Offsets":{"0":{"Timestamp":1700000000000,"Sequence":10,"BatchIndex":2,"Version":3}}}"""));
        assertThat(SubscriptionJson.readGetOffsetResponse(body)).isEqualTo(result);
        // Never committed and nothing else sent: the documented defaults.
        assertThat(
                        SubscriptionJson.readGetOffsetResponse(parse("{\"Offsets\":{\"5\":{}}}"))
                                .getOffsets()
                                .get("5"))
                .isEqualTo(new OffsetWithVersion(-1, -1, 0, -1));
    }

    @Test
    void commitSendsTheSessionIdAsANumber() {
        Map<String, OffsetWithSession> offsets =
                Map.of("0", new OffsetWithSession(41, 1700000000000L, 1, 3, 7));

        ObjectNode body = SubscriptionJson.writeCommitOffsetRequest(offsets);

        assertThat(body.toString())
                .isEqualTo(
                        compact(
                                """
                {"Action":"commit","Offsets":{"0":{"Timestamp":1700000000000,"Sequence":41,"BatchIndex":1,
                 "Version":3,"SessionId":7}}}"""));
        assertThat(body.at("/Offsets/0/SessionId").isNumber()).isTrue();
        assertThat(SubscriptionJson.readCommitOffsetRequest(body)).isEqualTo(offsets);
        assertThatThrownBy(() -> SubscriptionJson.writeCommitOffsetRequest(Map.of()))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void resetSendsOnlyThePosition() {
        Map<String, OffsetBase> offsets = new LinkedHashMap<>();
        offsets.put("0", new OffsetWithSession(41, 1700000000000L, 3, 7));
        offsets.put("1", new OffsetBase(5, 1600000000000L, 2));

        ObjectNode body = SubscriptionJson.writeResetOffsetRequest(offsets);

        assertThat(body.toString())
                .isEqualTo(
                        compact(
                                """
                {"Action":"reset","Offsets":{"0":{"Timestamp":1700000000000,"Sequence":41,"BatchIndex":0},
                 "1":{"Timestamp":1600000000000,"Sequence":5,"BatchIndex":2}}}"""));
        assertThat(SubscriptionJson.readResetOffsetRequest(body))
                .containsExactly(
                        Map.entry("0", new OffsetBase(41, 1700000000000L)),
                        Map.entry("1", new OffsetBase(5, 1600000000000L, 2)));
        // Python's reset may carry only Sequence and Timestamp.
        assertThat(
                        SubscriptionJson.readResetOffsetRequest(
                                parse(
                                        "{\"Action\":\"reset\",\"Offsets\":{\"0\":{\"Sequence\":1,\"Timestamp\":2}}}")))
                .containsExactly(Map.entry("0", new OffsetBase(1, 2)));
    }
}
