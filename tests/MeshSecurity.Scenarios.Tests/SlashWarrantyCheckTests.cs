using System.Collections.Immutable;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Scenarios.Running;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// The run's invariant "slashed stake equals the stake slashable at the infraction", read from the provider's slash
/// events as the history comes: a slash that took less than its share of the slashable stake it reports is a breach.
/// </summary>
public sealed class SlashWarrantyCheckTests
{
    private static readonly Addr Provider = Addr.Derive("osmo", "provider");
    private static readonly ChannelEnds Ends = new("osmosis", "", "", "wasm.p", "channel-0", "juno", "", "", "wasm.c", "channel-0");

    private static readonly MeshLinkInfo Link = new("osmosis", "juno", Addr.Derive("osmo", "lockup"), Provider,
        Addr.Derive("osmo", "slasher"), Addr.Derive("juno", "consumer"), Addr.Derive("juno", "meta"), "channel-0", Ends, "channel-1", Ends,
        "ujuno");

    private static EmulatorEvent SlashTx(params (string Key, string Value)[] attributes)
    {
        var wasm = new Event("wasm", [("_contract_address", Provider.Value), (ProviderEvents.ActionKey, ProviderEvents.Slash),
            (ProviderEvents.ValidatorKey, "junovaloper1v1"), (ProviderEvents.PercentageKey, "0.05"), .. attributes]);
        var result = new TxResult("tx-1", null, -1, [wasm], ImmutableArray<object?>.Empty);
        return new EmulatorEvent.TxExecuted("osmosis", 7, new Timestamp(1_700_000_000_000_000_000), result);
    }

    [Theory]
    [InlineData("50", "1000", null)]
    [InlineData("30", "1000", "slashed 30 of 1000 slashable at 0.05: at least 50 was due")]
    [InlineData("1001", "1000", "slashed 1001, more than the 1000 slashable")]
    public void A_slash_that_misses_part_of_the_slashable_stake_is_a_breach(string amount, string slashable, string? breach)
    {
        var tracker = new SlashTracker(() => [Link]);
        tracker.Write([SlashTx((ProviderEvents.AmountKey, amount), (ProviderEvents.SlashableKey, slashable))]);
        var at = new Timestamp(1_700_000_000_000_000_000);
        Assert.Equal(breach is null ? [] : [$"the slash of junovaloper1v1 on osmosis at {at}: {breach}"],
            tracker.WarrantyBreaches.ToArray());
        Assert.Single(tracker.Slashes);
    }

    [Fact]
    public void A_lazy_slash_reports_no_slashable_stake_and_is_not_judged()
    {
        var tracker = new SlashTracker(() => [Link]);
        tracker.Write([SlashTx()]);
        Assert.Empty(tracker.WarrantyBreaches);
    }
}
