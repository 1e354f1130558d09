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

    @Test
    void queuePoliciesCompareModuloSidStatementOrderArrayOrderSingletonArraysAndWhitespace() {
        String ours = QueuePolicy.allowOnly("arn:aws:sns:us-east-1:000000000000:events", "arn:aws:sqs:us-east-1:000000000000:q");
        String theirs = """
                { "Statement" : [
                    { "Sid": "AllowOtherTopic", "Effect": "Allow", "Principal": {"Service": ["sns.amazonaws.com"]},
                      "Action": ["sqs:SendMessage"], "Resource": "arn:aws:sqs:us-east-1:000000000000:q",
                      "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:000000000000:other"}} },
                    { "Sid": "from-the-old-stack", "Resource": "arn:aws:sqs:us-east-1:000000000000:q", "Effect": "Allow",
                      "Condition": {"ArnEquals": {"aws:SourceArn": ["arn:aws:sns:us-east-1:000000000000:events"]}},
                      "Action": "sqs:SendMessage", "Principal": {"Service": "sns.amazonaws.com"} } ],
                  "Version": "2012-10-17" }""";
        String theirsWithoutOtherTopic = """
                {"Version":"2012-10-17","Statement":{"Sid":"x","Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},
                 "Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:000000000000:q",
                 "Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:000000000000:events"}}}}""";

        assertThat(Settings.same(Settings.Comparison.POLICY, ours, theirsWithoutOtherTopic)).isTrue();
        assertThat(Settings.same(Settings.Comparison.POLICY, ours, theirs)).as("an extra statement is a real difference").isFalse();
        assertThat(Settings.same(Settings.Comparison.POLICY, ours, theirsWithoutOtherTopic.replace("\"Allow\"", "\"Deny\""))).isFalse();
    }

    @Test
    void filterPoliciesCompareTheirAlternativesAsSetsButNumericOperandsInOrder() {
        assertThat(Settings.same(Settings.Comparison.FILTER_POLICY, "{\"t\":[\"a\",\"b\"]}", "{ \"t\": [\"b\", \"a\"] }")).isTrue();
        assertThat(Settings.same(Settings.Comparison.FILTER_POLICY, "{\"t\":[\"a\",\"b\"]}", "{\"t\":[\"a\"]}")).isFalse();
        assertThat(Settings.same(Settings.Comparison.FILTER_POLICY, "{\"p\":[{\"numeric\":[\">\",0,\"<\",10]}]}",
                "{\"p\":[{\"numeric\":[\"<\",10,\">\",0]}]}")).isFalse();
        assertThat(Settings.same(Settings.Comparison.FILTER_POLICY, "{\"p\":[1]}", "{\"p\":[\"1\"]}")).isFalse();
    }

    @Test
    void numbersAndBooleansCompareAsSqsNormalisesThem() {
        assertThat(Settings.same(Settings.Comparison.NUMBER, "45", "045")).isTrue();
        assertThat(Settings.same(Settings.Comparison.NUMBER, "45", "46")).isFalse();
        assertThat(Settings.same(Settings.Comparison.BOOLEAN, "true", "True")).isTrue();
        assertThat(Settings.same(Settings.Comparison.BOOLEAN, "true", "false")).isFalse();
    }

    @Test
    void verifyNeitherCreatesNorCorrectsAndOnlyTheCorrectingModesCorrect() {
        Map<String, ProvisioningReport.Difference> one = Map.of("x", new ProvisioningReport.Difference("x", "1", "2"));
        assertThat(Settings.creates(DriftMode.VERIFY)).isFalse();
        assertThat(Settings.corrects(DriftMode.VERIFY)).isFalse();
        assertThat(Settings.status(one, DriftMode.VERIFY, true)).isEqualTo(ProvisioningReport.Status.DRIFTED);
        assertThat(Settings.status(one, DriftMode.CORRECT_INCLUDING_DELIVERY, true)).isEqualTo(ProvisioningReport.Status.CORRECTED);
        assertThat(Settings.creates(DriftMode.REPORT)).isTrue();
    }
}
