using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// Injected packets are judged by the acknowledgement their destination writes, change nothing when refused, and stay out
/// of the channel's own counts; pending packets are read from the sending chain's commitments, by direction and kind.
/// </summary>
public sealed class PacketStepTests
{
    /// <summary>Alice bonds 1000 and cross-stakes 600; packets are injected both ways and on both channels.</summary>
    private const string Scenario = """
        scenario { name = packets, seed = 4, duration = 25m }
        chains = [
          { id = osmosis, prefix = osmo, denom = uosmo, validators = [ { name = ov, stake = 10000000000 } ]
            accounts = [ { name = alice, balance = "2000000000uosmo" } ] }
          { id = juno, prefix = juno, denom = ujuno, validators = [ { name = jv, stake = 10000000000 } ] }
        ]
        links = [ { provider = osmosis, consumer = juno, exchange-rate = "1", staking-funds = 1000000000 } ]
        steps = [
          { at = 5m, action = bond, chain = osmosis, account = alice, amount = 1000 }
          { at = 6m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = jv, amount = 600 }
          { at = 10m, action = inject-packet, provider = osmosis, consumer = juno, data = "garbage" }
          { at = 10m, action = inject-packet, provider = osmosis, consumer = juno, data = { list_validators {} }, expect-ack = error }
          { at = 11m, action = inject-packet, provider = osmosis, consumer = juno, data = "garbage", ack-error = "no such text" }
          { at = 11m, action = inject-packet, provider = osmosis, consumer = juno, direction = to-provider, data = { burn {} }
            ack-error = "unknown variant 'burn'"
            expect-events = [ { type = recv_packet }, { type = write_acknowledgement, attributes { packet_ack_success = "false" } } ] }
          { at = 11m, action = inject-packet, provider = osmosis, consumer = juno, channel = transfer, data = "garbage"
            expect-ack = error }
          { at = 11m, action = inject-packet, provider = osmosis, consumer = juno
            data = { unstake { validator = "@jv", amount = "700", key = "@osmosis/alice" } }, expect-ack = error }
          { at = 12m, action = relayer-stop, provider = osmosis, consumer = juno }
          { at = 13m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = jv, amount = 100 }
          { at = 14m, action = inject-packet, provider = osmosis, consumer = juno, data = { list_validators {} }
            expect-events = [ { type = write_acknowledgement, attributes { packet_ack_success = "true" } } ] }
          { at = 14m, action = inject-packet, provider = osmosis, consumer = juno, data = { list_validators {} }
            expect-events = [ { type = send_packet }, { type = write_acknowledgement, attributes { packet_ack_success = "false" } } ] }
        ]
        expect = [
          { at = 9m, what = consumer-stake, provider = osmosis, consumer = juno, validator = jv, id = before, equals = 600 }
          { at = 11m30s, what = consumer-stake, provider = osmosis, consumer = juno, validator = jv, same-as = before }
          { at = 11m30s, what = delegation, chain = juno, validator = jv, equals = 600 }
          { at = 11m30s, what = pending-packets, provider = osmosis, consumer = juno, equals = 0 }
          { at = 11m30s, what = packets, provider = osmosis, consumer = juno, count = acknowledged-error, equals = 0 }
          { at = 11m30s, what = packets, provider = osmosis, consumer = juno, channel = transfer, count = received, equals = 0 }
          { at = 20m, what = pending-packets, provider = osmosis, consumer = juno, kind = stake, equals = 1 }
          { at = 20m, what = pending-packets, provider = osmosis, consumer = juno, kind = unstake, equals = 0 }
          { at = 20m, what = pending-packets, provider = osmosis, consumer = juno, direction = to-provider, equals = 0 }
          { at = 20m, what = pending-packets, provider = osmosis, consumer = juno, channel = transfer, equals = 0 }
          { at = 20m, what = packets, provider = osmosis, consumer = juno, count = acknowledged-ok, equals = 2 }
          { at = 20m, what = packets, provider = osmosis, consumer = juno, count = sent, equals = 3 }
        ]
        """;

    private static Task<RunReport> Run(string text) => Runs.Of(text);

    [Fact]
    public async Task An_injected_packet_is_judged_by_its_ack_and_a_refused_one_changes_nothing()
    {
        var report = await Run(Scenario);
        var steps = report.Steps;

        // the ack expected: an error ack with its text, on the consumer, the provider and the ICS-20 module alike
        Assert.Equal(("success, error ack containing \"unknown variant 'burn'\"; events recv_packet; write_acknowledgement " +
            "{ packet_ack_success = false }", true), (steps[5].Expected, steps[5].Ok));
        Assert.StartsWith("success, error ack \"std:ParseError", steps[5].Outcome, StringComparison.Ordinal);
        Assert.True(steps[6].Ok, steps[6].Outcome);
        Assert.StartsWith("success, error ack", steps[6].Outcome, StringComparison.Ordinal);
        // a forged unstake of more than the consumer holds for the provider is refused
        Assert.True(steps[7].Ok, steps[7].Outcome);
        // another ack than expected fails the step, saying which ack came
        Assert.Equal(("success, ok ack", false), (steps[2].Expected, steps[2].Ok));
        Assert.StartsWith("success, error ack \"std:ParseError", steps[2].Outcome, StringComparison.Ordinal);
        Assert.Equal(("success, error ack", "success, ok ack", false), (steps[3].Expected, steps[3].Outcome, steps[3].Ok));
        Assert.Equal(("success, error ack containing \"no such text\"", false), (steps[4].Expected, steps[4].Ok));
        // the events a step emitted: all there, or the ones missing named with the types that came
        Assert.True(steps[10].Ok, steps[10].Outcome);
        Assert.Equal("success, ok ack; events emitted", steps[10].Outcome);
        Assert.True(steps[5].Ok, steps[5].Outcome);
        Assert.False(steps[11].Ok);
        Assert.Equal("success, ok ack; no event send_packet; write_acknowledgement { packet_ack_success = false } among those emitted " +
            "(recv_packet, wasm, write_acknowledgement)", steps[11].Outcome);
        Assert.Equal(4, report.Result.FailedSteps);
        Assert.False(report.Result.Ok);

        // nothing changed, nothing is pending, and the channel's own counts leave the injected packets out
        Assert.All(report.Expectations, e => Assert.True(e.Ok, $"{e.What} at {e.At}: {e.Target}: expected {e.Expected}, got {e.Actual}"));
        var link = Assert.Single(report.Links);
        Assert.Equal(link.MeshPackets.Sent, link.MeshPackets.Received + 1); // the stake the stopped relayer holds
        Assert.Equal((0L, 0L), (link.TransferPackets.Received, link.MeshPackets.ErrorAcknowledged));
        Assert.All(report.Invariants, i => Assert.True(i.Ok, $"{i.Name}: {i.Detail}"));
    }
}
