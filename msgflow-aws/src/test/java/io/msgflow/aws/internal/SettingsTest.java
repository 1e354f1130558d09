package io.msgflow.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.aws.DriftMode;
import io.msgflow.aws.ProvisioningReport;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void absentAttributesCountAsTheirDefault() {
        assertThat(Settings.differences(Map.of("VisibilityTimeout", "30"), Map.of(), Map.of("VisibilityTimeout", "30"), Map.of()))
                .isEmpty();
        assertThat(Settings.differences(Map.of("VisibilityTimeout", "45"), Map.of(), Map.of("VisibilityTimeout", "30"), Map.of()))
                .containsEntry("VisibilityTimeout", new ProvisioningReport.Difference("VisibilityTimeout", "45", "30"));
    }

    @Test
    void filterPoliciesCompareAsJsonWhereNumbersAndStringsDiffer() {
        Map<String, Settings.Comparison> json = Map.of("FilterPolicy", Settings.Comparison.JSON);
        assertThat(Settings.differences(Map.of("FilterPolicy", "{\"a\":[\"x\"],\"b\":[1]}"),
                Map.of("FilterPolicy", "{ \"b\" : [1], \"a\" : [\"x\"] }"), Map.of(), json)).isEmpty();
        assertThat(Settings.differences(Map.of("FilterPolicy", "{\"b\":[1]}"), Map.of("FilterPolicy", "{\"b\":[\"1\"]}"), Map.of(), json))
                .containsOnlyKeys("FilterPolicy");
    }

    @Test
    void redrivePoliciesCompareNumbersAndTheirTextAlike() {
        Map<String, Settings.Comparison> loose = Map.of("RedrivePolicy", Settings.Comparison.JSON_SCALARS_AS_TEXT);
        assertThat(Settings.differences(Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"arn\",\"maxReceiveCount\":5}"),
                Map.of("RedrivePolicy", "{\"maxReceiveCount\":\"5\",\"deadLetterTargetArn\":\"arn\"}"), Map.of(), loose)).isEmpty();
    }

    @Test
    void anEmptyValueAndAnEmptyObjectBothMeanNone() {
        assertThat(Settings.sameJson("", "{}", false)).isTrue();
        assertThat(Settings.sameJson("", "{\"a\":[1]}", false)).isFalse();
    }

    @Test
    void statusFollowsModeAndWhetherEveryDifferenceCanBeCorrected() {
        Map<String, ProvisioningReport.Difference> one = Map.of("x", new ProvisioningReport.Difference("x", "1", "2"));
        assertThat(Settings.status(Map.of(), DriftMode.CORRECT, true)).isEqualTo(ProvisioningReport.Status.UNCHANGED);
        assertThat(Settings.status(one, DriftMode.REPORT, true)).isEqualTo(ProvisioningReport.Status.DRIFTED);
        assertThat(Settings.status(one, DriftMode.CORRECT, true)).isEqualTo(ProvisioningReport.Status.CORRECTED);
        assertThat(Settings.status(one, DriftMode.CORRECT, false)).isEqualTo(ProvisioningReport.Status.DRIFTED);
    }
}
