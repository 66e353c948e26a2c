using CsCheck;
using MeshSecurity.Core.Contracts;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using static MeshSecurity.Core.Contracts.Lockup.LockupState;
using static MeshSecurity.Core.Tests.Contracts.Lockup.LockupFixture;

namespace MeshSecurity.Core.Tests.Contracts.Lockup;

/// <summary>
/// The account's per-write helpers are loops (no closure or enumerator per call); each must answer what its LINQ form
/// did, on accounts with claims in any grant order and unbondings with and without burns.
/// </summary>
public sealed class LockupAccountHelperTests
{
    private static readonly Addr[] Holders = [ProviderA, ProviderB, ProviderC];

    private static readonly Gen<Account> Accounts =
        Gen.Select(
            Gen.Int[0, 2].Array[0, 3], Gen.ULong[0, 500].Array[3],
            Gen.Select(Gen.ULong[1, 300], Gen.Bool).Array[0, 4],
            (order, amounts, unbondings) => Account.Empty with
            {
                Bonded = 1_000,
                Claims = [.. order.Distinct().Select(i => new Lien(Holders[i], amounts[i]))],
                Unbondings = [.. unbondings.Select((u, i) => new LocalUnbonding(Validator, u.Item1, new Timestamp((ulong)i), 1, u.Item2))],
            });

    [Fact]
    public void Max_claim_claim_of_and_owned_unbonding_answer_as_their_linq_forms()
    {
        Accounts.SampleSeeded(a =>
        {
            Assert.Equal(a.Claims.Aggregate(Amount.Zero, (m, c) => Amount.Max(m, c.Amount)), a.MaxClaim);
            Assert.Equal(a.Unbondings.Where(u => !u.Burn).Aggregate(Amount.Zero, (s, u) => s + u.Amount), a.OwnedUnbonding);
            foreach (var h in Holders) Assert.Equal(a.Claims.FirstOrDefault(c => c.Lienholder == h), a.ClaimOf(h));
        }, iter: 500);
    }

    [Fact]
    public void With_claim_and_with_lien_set_in_place_append_or_remove_as_before()
    {
        Gen.Select(Accounts, Gen.Int[0, 2], Gen.ULong[0, 400]).SampleSeeded((a, h, amount) =>
        {
            var holder = Holders[h];
            var i = a.Claims.FindIndex(c => c.Lienholder == holder);
            var set = a.WithClaim(holder, amount);
            var expected = i < 0 ? a.Claims.Add(new Lien(holder, amount))
                : a.Claims.SetItem(i, a.Claims[i] with { Amount = amount, Pending = Amount.Min(a.Claims[i].Pending, amount) });
            Assert.Equal(expected, set.Claims);
            var lien = new Lien(holder, amount);
            var viaLien = a.WithLien(lien).Claims;
            var removed = i < 0 ? a.Claims : a.Claims.RemoveAt(i);
            Assert.Equal(removed, a.WithClaim(holder, amount, remove: true).Claims);
            Assert.Equal(amount == 0 ? removed : i < 0 ? a.Claims.Add(lien) : a.Claims.SetItem(i, lien), viaLien);
        }, iter: 500);
    }

    [Fact]
    public void With_account_keeps_the_set_of_accounts_with_burns()
    {
        var settings = new Settings("stake", 100, MeshProfile.Intended);
        Gen.Select(Accounts, Accounts).SampleSeeded((first, second) =>
        {
            var state = Create(settings).WithAccount(Alice, first);
            Assert.Equal(first.Unbondings.Any(u => u.Burn), state.WithBurns.Contains(Alice));
            state = state.WithAccount(Alice, second);
            Assert.Equal(second.Unbondings.Any(u => u.Burn), state.WithBurns.Contains(Alice));
        }, iter: 300);
    }
}
