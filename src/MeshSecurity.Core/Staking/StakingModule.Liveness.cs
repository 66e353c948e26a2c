using System.Collections.Immutable;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>
/// x/slashing's liveness rule and CometBFT's commit rule, for the validators a block's commit lacks (the emulator's
/// consensus input: validators a fault took offline).
/// </summary>
public static partial class StakingModule
{
    /// <summary>The blocks a validator's signing is judged over (x/slashing's default SignedBlocksWindow).</summary>
    public const ulong SignedBlocksWindow = 100;

    /// <summary>The share of the window a validator must sign (x/slashing's default MinSignedPerWindow, 0.5).</summary>
    public static readonly Dec MinSignedPerWindow = Dec.Percent(50);

    /// <summary>Misses within the window above which a validator is jailed for downtime: 50 of 100 by default.</summary>
    public static ulong MaxMissedPerWindow =>
        SignedBlocksWindow - (ulong)new Amount(SignedBlocksWindow).MulFloor(MinSignedPerWindow).Value;

    /// <summary>
    /// CometBFT commits a block only with more than two thirds of the voting power signing: false when the validators in
    /// <paramref name="absent"/> hold a third of it or more, and the chain makes no block until enough come back.
    /// </summary>
    public static bool CanCommit(this ChainState chain, IReadOnlySet<Addr> absent)
    {
        if (absent.Count == 0) return true;
        var total = (UInt128)chain.TotalVotingPower();
        var signing = total - absent.Aggregate(UInt128.Zero, (sum, v) => sum + chain.VotingPower(v));
        return signing * 3 > total * 2;
    }

    /// <summary>
    /// x/slashing's BeginBlocker: every validator of the last set either signed this block or missed it. A validator that
    /// missed more than <see cref="MaxMissedPerWindow"/> of the last <see cref="SignedBlocksWindow"/> blocks is slashed
    /// for downtime and jailed (<see cref="HandleDowntime"/>), and its record starts over. Nothing changes while every
    /// validator signs, so a chain without faults keeps its state and app hashes.
    /// </summary>
    public static ChainState HandleSignatures(this ChainState chain, IReadOnlySet<Addr> absent, IList<Event> events)
    {
        var missed = chain.Staking.MissedBlocks;
        if (absent.Count == 0 && missed.IsEmpty) return chain;
        var height = chain.Height;
        var oldest = height > SignedBlocksWindow ? height - SignedBlocksWindow + 1 : 1;
        var down = new List<Addr>();
        foreach (var (v, power) in chain.Staking.LastValidatorPowers)
        {
            if (power == 0) continue;
            var heights = missed.GetValueOrDefault(v, []);
            heights = heights.RemoveAll(h => h < oldest);
            if (absent.Contains(v)) heights = heights.Add(height);
            if ((ulong)heights.Count > MaxMissedPerWindow) down.Add(v);
            missed = heights.IsEmpty || down.Contains(v) ? missed.Remove(v) : missed.SetItem(v, heights);
        }
        // validators no longer in the set keep no record
        foreach (var v in missed.Keys.Where(v => !chain.Staking.LastValidatorPowers.ContainsKey(v)).ToList()) missed = missed.Remove(v);
        var s = chain.WithStaking(chain.Staking with { MissedBlocks = missed });
        // the SDK slashes at the height whose commit was missed: the block before this one
        foreach (var v in down) (s, _) = s.HandleDowntime(v, height - 1, events);
        return s;
    }

    /// <summary>
    /// Tombstones the validator without a slash (a fault that retires its key), unless it already is: jailed for ever, it
    /// leaves the set at the next EndBlock, whose update tells the chain's contracts.
    /// </summary>
    public static ChainState TombstoneIfNot(this ChainState chain, Addr validator, IList<Event> events) =>
        chain.Staking.Validator(validator) is { Tombstoned: false } ? chain.Tombstone(validator, events) : chain;
}
