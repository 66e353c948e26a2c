using MeshSecurity.Core.Tests.Support;
using CsCheck;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using static MeshSecurity.Core.Tests.Contracts.Lockup.LockupFixture;

namespace MeshSecurity.Core.Tests.Contracts.Lockup;

/// <summary>Random sequences of user, lienholder and chain actions keep the lockup's books.</summary>
public sealed class LockupPropertyTests
{
    internal static readonly Addr[] Owners = [Alice, Bob];
    internal static readonly Addr[] Lienholders = [ProviderA, ProviderB, ProviderC];
    internal static readonly string[] Validators = [Validator, Validator2];

    private static readonly Gen<(int Op, int Who, int Other, ulong Amount)> Action =
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, 1], Gen.Int[0, 2], Gen.ULong[0, 600]);

    [Fact]
    public void Bonded_covers_every_claim_and_the_local_claim_matches_local_stake_after_any_sequence()
    {
        Array.Clear(Succeeded);
        Action.Array[1, 40].SampleSeeded(actions =>
        {
            var l = new LockupFixture();
            foreach (var (op, who, other, amount) in actions)
            {
                if (Try(() => Apply(l, op, Owners[who], other, amount))) Succeeded[op]++;
                foreach (var owner in Owners) CheckBooks(l, owner);
            }
        }, iter: 1000);
        Assert.True(Succeeded.All(n => n > 0), "every kind of action succeeds sometimes: " + string.Join(",", Succeeded));
    }

    private static readonly int[] Succeeded = new int[10];

    private static void Apply(LockupFixture l, int op, Addr owner, int other, ulong amount)
    {
        var lienholder = Lienholders[other];
        var validator = Validators[other % 2];
        switch (op)
        {
            case 0: l.Bond(owner, amount + 1); break;
            case 1: l.Unbond(owner, amount); break;
            case 2: l.GrantClaim(owner, lienholder, amount); break;
            case 3: l.ReleaseClaim(lienholder, owner, amount); break;
            case 4: l.SlashClaim(lienholder, owner, amount); break;
            case 5: l.StakeLocal(owner, amount, validator); break;
            case 6: l.UnstakeLocal(owner, amount, validator); break;
            case 7: l.ValidatorSlashed(validator, $"0.{amount % 100:00}", l.H.Height); break;
            case 8: l.SkipTime(amount * 10); break;
            default: l.SkipTime(UnbondingPeriod); l.ReleaseLocal(owner); break;
        }
    }

    private static void CheckBooks(LockupFixture l, Addr owner)
    {
        LockupMsg.BalanceResponse b;
        try { b = l.Balance(owner); }
        catch (Errors.MeshException) { return; }
        var max = b.Claims.Aggregate(Amount.Zero, (m, c) => Amount.Max(m, c.Amount));
        Assert.True(max <= b.Bonded, $"max claim {max} > bonded {b.Bonded}");
        Assert.Equal(b.Bonded - max, b.Free);

        Assert.Equal(l.OwnedLocal(owner), l.ClaimOf(owner, Self));
    }

    internal static bool Try(Action action)
    {
        try { action(); return true; }
        catch (Xunit.Sdk.XunitException) { return false; }
    }
}
