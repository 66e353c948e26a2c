using MeshSecurity.Core.Tests.Support;
using CsCheck;

namespace MeshSecurity.Core.Tests.Flows;

/// <summary>
/// Random sequences of 30-60 operations by three users on osmosis → juno and osmosis → stars: bond, withdraw, grant a
/// claim to either provider on a random validator, unstake, unbond, relay one link or both, stop and restart a mesh
/// relayer, let time or blocks pass, withdraw and claim rewards, double-sign a consumer validator and submit the
/// evidence to the slasher (and, sometimes, to the chain), replay what a relayer already delivered, and settle.
/// Every operation may fail; a failure must leave no effect. The invariants are checked after every operation by
/// <see cref="MeshPropertyRun"/>. A failure prints its seed (set MESHSEC_PROPERTY_SEED to it to replay that case
/// alone) and the sequence, one operation a line.
/// </summary>
public sealed class MeshPropertyTests
{
    private const int Runs = 150;

    private static readonly Gen<MeshOp.Kind> Kinds = Gen.Frequency(
        (3, MeshOp.Kind.Bond), (3, MeshOp.Kind.Withdraw), (6, MeshOp.Kind.Grant), (4, MeshOp.Kind.Unstake), (3, MeshOp.Kind.Unbond),
        (4, MeshOp.Kind.RelayOne), (2, MeshOp.Kind.RelayBoth), (1, MeshOp.Kind.TogglePause), (3, MeshOp.Kind.SkipTime),
        (2, MeshOp.Kind.SkipBlocks), (2, MeshOp.Kind.WithdrawRewards), (2, MeshOp.Kind.ClaimRewards), (1, MeshOp.Kind.DoubleSign),
        (2, MeshOp.Kind.Replay), (1, MeshOp.Kind.Settle));

    private static readonly Gen<MeshOp> Op =
        Gen.Select(Kinds, Gen.Int[0, 2], Gen.Int[0, 1], Gen.Int[0, 2], Gen.ULong[1, 2000], (k, u, l, v, a) => new MeshOp(k, u, l, v, a));

    [Fact]
    public void Random_operations_on_three_chains_keep_conservation_claims_and_both_views_consistent()
    {
        Op.Array[30, 60].SampleSeeded(
            ops => new MeshPropertyRun().Execute(ops),
            iter: Runs,
            print: ops => "\n" + string.Join("\n", ops.Select((o, i) => $"  #{i} {o}")));
    }
}
