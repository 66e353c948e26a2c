using System.Collections.Immutable;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Execution;

/// <summary>
/// Clock faults at consensus: a block's header time is the instant it is made moved by the validators' clock skew (and a
/// one-off jump), never before the last block's; the chain's timeouts read the header time.
/// </summary>
public sealed class ClockSkewTests
{
    private const ulong Second = Timestamp.NanosPerSecond;
    private static readonly Timestamp T0 = Timestamp.FromSeconds(1_700_000_000);

    private static BlockConsensus Skew(long seconds, ulong jumpSeconds = 0) =>
        BlockConsensus.AllSign with { ClockOffsetNanos = seconds * (long)Second, ClockJumpNanos = jumpSeconds * Second };

    [Fact]
    public void A_clock_ahead_stamps_headers_ahead_and_a_clock_behind_holds_the_header_until_the_instant_catches_up()
    {
        var at = T0.PlusSeconds(600);
        Assert.Equal(at.PlusSeconds(30), Skew(30).HeaderTime(at, T0));
        Assert.Equal(at.MinusSeconds(30), Skew(-30).HeaderTime(at, T0));
        // the last header was at 600 s: a clock 30 s behind holds it until the instant reaches 630 s, then follows
        Assert.Equal(at, Skew(-30).HeaderTime(at.PlusSeconds(6), at));
        Assert.Equal(at.PlusSeconds(6), Skew(-30).HeaderTime(at.PlusSeconds(36), at));
        // a jump leaps once; the same clock without it holds the header the jump reached
        var jumped = Skew(0, jumpSeconds: 1500).HeaderTime(at, T0);
        Assert.Equal(at.PlusSeconds(1500), jumped);
        Assert.Equal(jumped, BlockConsensus.AllSign.HeaderTime(at.PlusSeconds(6), jumped));
        Assert.Equal(Timestamp.Zero, Skew(-30).HeaderTime(Timestamp.FromSeconds(10), Timestamp.Zero));
    }

    [Fact]
    public void A_skewed_block_carries_its_header_time_in_the_state_and_the_instant_it_was_made_and_jails_by_the_header_time()
    {
        var config = new ChainConfig { ChainId = "a-1", AddressPrefix = "a", BondDenom = "ua" };
        var (state, _) = ChainGenesis.Build(config, [], [new GenesisValidator("v1", 1000), new GenesisValidator("v2", 100)]);
        var v2 = ChainGenesis.ValidatorAddress("a", "v2");
        var codes = new CodeRegistry([]);
        var hash = BlockExecution.GenesisAppHash("a-1");
        var absent = BlockConsensus.AllSign with
        {
            Absent = ImmutableSortedSet.Create(StakingState.AddrOrder, v2),
            ClockOffsetNanos = 3600 * (long)Second,
        };
        var instant = state.Time;
        BlockResult? last = null;
        // v2 misses more than half of the 100-block window: the 51st miss jails it
        for (var i = 0; i < 51; i++)
        {
            instant = instant.PlusSeconds(6);
            var block = BlockExecution.Start(state, instant, [], codes, hash, absent);
            Assert.True(block.IsDone);
            (state, hash, last) = (block.State, block.Result!.AppHash, block.Result);
            state.Undo.Commit(); // the driver's part: the block is the chain's
        }
        Assert.Equal(instant.PlusSeconds(3600), state.Time);
        Assert.Equal(state.Time, last!.Time);
        Assert.Equal(instant, last.Instant);
        var jailed = state.Staking.Validators[v2];
        Assert.True(jailed.Jailed);
        Assert.Equal(state.Time.PlusSeconds(config.DowntimeJailSeconds), jailed.JailedUntil);

        // the skew is over: the header holds while the instant is behind it, then follows the instant
        var held = BlockExecution.Start(state, instant.PlusSeconds(6), [], codes, hash);
        Assert.Equal(state.Time, held.Result!.Time);
        Assert.Equal(instant.PlusSeconds(6), held.Result.MadeAt);
        held.State.Undo.Commit();
        var caughtUp = BlockExecution.Start(held.State, instant.PlusSeconds(3606), [], codes, held.Result.AppHash);
        Assert.Equal(instant.PlusSeconds(3606), caughtUp.Result!.Time);
        Assert.Null(caughtUp.Result.MadeAt);
    }
}
