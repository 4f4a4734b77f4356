package io.github.flinkdatahub.client.protocol.signing;

import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestSignerTest {

    @Test
    void workedExampleWithSecurityTokenGivesTheReferenceSignature() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json; charset=UTF-8"));
        headers.put("Date", List.of("Wed, 08 May 2024 09:30:00 GMT"));
        headers.put("x-datahub-client-version", List.of("1.1"));
        headers.put("x-datahub-security-token", List.of("STS.tokenExample"));
        headers.put("x-datahub-source-ip", List.of("10.0.0.8"));
        headers.put("User-Agent", List.of("ignored"));

        String canonical =
                RequestSigner.canonicalString(
                        "POST", "/projects/demo_project/topics/demo_topic/shards/0", headers);

        assertThat(canonical)
                .isEqualTo(
                        "POST\n"
                                + "application/json; charset=UTF-8\n"
                                + "Wed, 08 May 2024 09:30:00 GMT\n"
                                + "x-datahub-client-version:1.1\n"
                                + "x-datahub-security-token:STS.tokenExample\n"
                                + "x-datahub-source-ip:10.0.0.8\n"
                                + "/projects/demo_project/topics/demo_topic/shards/0");
        assertThat(
                        RequestSigner.authorization(
                                "LTAI5tExampleId",
                                "ExampleSecretKey123",
                                "POST",
                                "/projects/demo_project/topics/demo_topic/shards/0",
                                headers))
                .isEqualTo("DATAHUB LTAI5tExampleId:go2OynhgkZzrfdtl4QUn70MjRAM=");
    }

    @Test
    void getWithQueryAndNoContentTypeSignsAnEmptyContentTypeLine() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("date", List.of("Wed, 08 May 2024 09:30:00 GMT"));
        headers.put("X-DataHub-Client-Version", List.of("1.1"));

        String pathAndQuery = "/projects/demo_project/topics/demo_topic/connectors/cid1?donetime";
        assertThat(RequestSigner.canonicalString("get", pathAndQuery, headers))
                .isEqualTo(
                        "GET\n\nWed, 08 May 2024 09:30:00 GMT\nx-datahub-client-version:1.1\n"
                                + pathAndQuery);
        assertThat(
                        RequestSigner.authorization(
                                "LTAI5tExampleId",
                                "ExampleSecretKey123",
                                "GET",
                                pathAndQuery,
                                headers))
                .isEqualTo("DATAHUB LTAI5tExampleId:6DJS3P1MwNpbftTcGsyRPfrIYTc=");
    }

    @Test
    void dateIsRfc1123InGmtWithTwoDigitDay() {
        assertThat(
                        RequestSigner.formatDate(
                                ZonedDateTime.of(2026, 11, 2, 3, 4, 5, 0, ZoneOffset.ofHours(8))))
                .isEqualTo("Sun, 01 Nov 2026 19:04:05 GMT");
    }
}
