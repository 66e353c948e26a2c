using CsCheck;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using static MeshSecurity.Core.Tests.Contracts.Lockup.LockupFixture;
using static MeshSecurity.Core.Tests.Contracts.Lockup.LockupPropertyTests;

namespace MeshSecurity.Core.Tests.Contracts.Lockup;

/// <summary>Random stakes, acks, rollbacks, releases and slashes never let the vault's used collateral pass the collateral.</summary>
public sealed class VaultPropertyTests
{
    private static readonly Gen<(int Op, int Who, int Other, ulong Amount)> Action =
        Gen.Select(Gen.Int[0, 11], Gen.Int[0, 1], Gen.Int[0, 2], Gen.ULong[0, 600]);

    private readonly int[] _succeeded = new int[12];

    [Fact]
    public void Free_collateral_never_goes_negative_and_the_books_hold_after_any_sequence()
    {
        Action.Array[1, 40].SampleSeeded(actions =>
        {
            // providers that can slash 30 %, 60 % and all they hold; local staking 10 %
            var l = Vault("0.1", (ProviderA, "0.3"), (ProviderB, "0.6"), (ProviderC, "1"));
            foreach (var (op, who, other, amount) in actions)
            {
                if (Try(() => Apply(l, op, Owners[who], other, amount))) _succeeded[op]++;
                foreach (var owner in Owners) CheckBooks(l, owner);
            }
        }, iter: 600);
        Assert.True(_succeeded.All(n => n > 0), "every kind of action succeeds sometimes: " + string.Join(",", _succeeded));
    }

    private static void Apply(LockupFixture l, int op, Addr owner, int other, ulong amount)
    {
        var lienholder = Lienholders[other];
        var validator = Validators[other % 2];
        switch (op)
        {
            case 0: l.Bond(owner, amount + 1); break;
            case 1: l.Unbond(owner, amount); break;
            case 2:
            case 3: l.GrantClaim(owner, lienholder, amount); break;
            case 4: l.Commit(lienholder, owner, amount); break;
            case 5: l.Rollback(lienholder, owner, amount); break;
            case 6: l.ReleaseClaim(lienholder, owner, amount); break;
            case 7: l.SlashClaim(lienholder, owner, amount); break;
            case 8: l.StakeLocal(owner, amount, validator); break;
            case 9: l.UnstakeLocal(owner, amount, validator); break;
            case 10: l.ValidatorSlashed(validator, $"0.{amount % 100:00}", l.H.Height); break;
            default: l.SkipTime(UnbondingPeriod); l.ReleaseLocal(owner); break;
        }
    }

    private static void CheckBooks(LockupFixture l, Addr owner)
    {
        var v = l.Liens(owner);
        var used = Amount.Max(v.MaxLien.High, v.Slashable.High);
        Assert.True(used <= v.Collateral, $"used {used} (max lien {v.MaxLien}, slashable {v.Slashable}) > collateral {v.Collateral}");
        Assert.Equal(v.Collateral - used, v.Free);
        Assert.True(v.Slashable.Low <= v.Slashable.High && v.MaxLien.Low <= v.MaxLien.High);
        // per-operation floors let the slashable total drift from Σ lien × ratio by at most a unit per operation (40 here)
        var reserve = v.Liens.Aggregate(Amount.Zero, (s, c) => s + c.Amount.High.MulCeil(c.Ratio));
        Assert.True(v.Slashable.High <= reserve + 40, $"slashable {v.Slashable} far above the liens' {reserve}");
        Assert.Equal(l.OwnedLocal(owner), l.LienOf(owner, Self).High);
    }
}
