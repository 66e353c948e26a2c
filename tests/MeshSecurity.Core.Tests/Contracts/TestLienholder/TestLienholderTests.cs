using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Contracts.TestLienholder;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Tests.Execution;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using Call = MeshSecurity.Core.Contracts.TestLienholder.TestLienholderMsg.Call;

namespace MeshSecurity.Core.Tests.Contracts.TestLienholder;

/// <summary>
/// The test lien-holder on a chain with a real mesh-lockup: Alice bonds 1000 and grants it claims; it releases and
/// slashes them on command and records every call, so the lockup's side can be read afterwards.
/// </summary>
public sealed class TestLienholderTests
{
    private readonly OneChain _one = new(new LockupContract(), new TestLienholderContract());
    private readonly Addr _lockup;

    public TestLienholderTests()
    {
        _lockup = _one.Instantiate(LockupContract.Code, new LockupMsg.Instantiate(OneChain.Denom), label: "lockup");
        Assert.True(_one.Execute(OneChain.Exec(_lockup, new LockupMsg.Execute.Bond(), 1000)).IsSuccess);
    }

    private Addr Fixture(bool refuse = false) =>
        _one.Instantiate(TestLienholderContract.Code, new TestLienholderMsg.Instantiate(_lockup.Value, refuse), label: "lienholder");

    private TxResult Grant(Addr lienholder, ulong amount) =>
        _one.Execute(OneChain.Exec(_lockup, new LockupMsg.Execute.GrantClaim(lienholder.Value, amount, "v1")));

    private LockupMsg.BalanceResponse Balance() =>
        _one.Chain.Query<LockupMsg.BalanceResponse>(_lockup, new LockupMsg.Query.Balance(_one.Alice.Value));

    private Call[] Calls(Addr lienholder) =>
        [.. _one.Chain.Query<TestLienholderMsg.CallsResponse>(lienholder, new TestLienholderMsg.Query.Calls()).Calls];

    [Fact]
    public void It_takes_a_claim_and_records_the_lockups_call()
    {
        var lienholder = Fixture();
        Assert.True(Grant(lienholder, 600).IsSuccess);

        Assert.Equal([new LockupMsg.ClaimResponse(lienholder, 600)], Balance().Claims.ToArray());
        Assert.Equal([new Call(TestLienholderEvents.ReceiveClaim, _lockup, _one.Alice.Value, 600, "v1")], Calls(lienholder));
        Assert.Equal((Amount)600, _one.Chain.Query<Amount>(lienholder, new TestLienholderMsg.Query.Claim(_one.Alice.Value)));
    }

    /// <summary>Release 200 of 600: the claim falls and bonded stays; slash 100: the claim and bonded fall together (L3).</summary>
    [Fact]
    public void It_releases_and_slashes_on_command_and_the_lockup_follows()
    {
        var lienholder = Fixture();
        Grant(lienholder, 600);

        var release = new TestLienholderMsg.Execute.Release(_one.Alice.Value, 200);
        Assert.True(_one.Execute(_one.Bob, OneChain.Exec(lienholder, release)).IsSuccess);
        Assert.Equal((Amount)1000, Balance().Bonded);
        Assert.Equal((Amount)400, Balance().Claims.Single().Amount);

        Assert.True(_one.Execute(OneChain.Exec(lienholder, new TestLienholderMsg.Execute.Slash(_one.Alice.Value, 100))).IsSuccess);
        Assert.Equal(((Amount)900, (Amount)300), (Balance().Bonded, Balance().Claims.Single().Amount));
        Assert.Equal([TestLienholderEvents.ReceiveClaim, TestLienholderEvents.Release, TestLienholderEvents.Slash],
            Calls(lienholder).Select(c => c.Kind).ToArray());
    }

    [Fact]
    public void A_lienholder_told_to_refuse_makes_the_grant_revert()
    {
        var lienholder = Fixture(refuse: true);
        var r = Grant(lienholder, 600);
        Assert.IsType<TestLienholderError.ClaimRefused>(r.Error);
        Assert.Empty(Balance().Claims);
        Assert.Empty(Calls(lienholder));
    }

    [Fact]
    public void It_refuses_to_return_more_than_it_holds_and_only_the_lockup_may_grant()
    {
        var lienholder = Fixture();
        Grant(lienholder, 300);
        var over = _one.Execute(OneChain.Exec(lienholder, new TestLienholderMsg.Execute.Slash(_one.Alice.Value, 301)));
        Assert.Equal(new TestLienholderError.NotHeld(300, 301), over.Error);
        var direct = _one.Execute(OneChain.Exec(lienholder, new TestLienholderMsg.Execute.ReceiveClaim(_one.Alice.Value, 5, "v1")));
        Assert.IsType<TestLienholderError.NotTheLockup>(direct.Error);
        Assert.Equal((Amount)300, Balance().Claims.Single().Amount);
    }

    /// <summary>
    /// Two lien-holders with 800 each; the first slashes 300: bonded falls to 700, so the lockup cuts the second's claim to
    /// 700 and tells it (cut_stake 100), which it records.
    /// </summary>
    [Fact]
    public void A_slash_by_one_lienholder_cuts_the_other_and_the_cut_is_recorded()
    {
        var (first, second) = (Fixture(), Fixture());
        Grant(first, 800);
        Grant(second, 800);
        Assert.True(_one.Execute(OneChain.Exec(first, new TestLienholderMsg.Execute.Slash(_one.Alice.Value, 300))).IsSuccess);

        Assert.Equal(new Call(TestLienholderEvents.CutStake, _lockup, _one.Alice.Value, 100, null), Calls(second).Last());
        Assert.Equal((Amount)700, _one.Chain.Query<Amount>(second, new TestLienholderMsg.Query.Claim(_one.Alice.Value)));
        Assert.Equal([(Amount)500, (Amount)700], Balance().Claims.Select(c => c.Amount).ToArray());
    }

    [Fact]
    public void The_lockups_grant_reads_the_same_from_json()
    {
        var lienholder = Fixture();
        var json = """{"receive_claim":{"owner":"OWNER","amount":"5","validator":"v1"}}"""
            .Replace("OWNER", _one.Alice.Value, StringComparison.Ordinal);
        var r = _one.Execute(_lockup, new CosmosMsg.WasmExecute(lienholder, json, Coins.Empty));
        Assert.True(r.IsSuccess, r.Error?.ToString());
        Assert.Equal((Amount)5, Calls(lienholder).Single().Amount);
    }

    [Fact]
    public void The_mesh_code_registry_holds_it_beside_the_five_contracts_so_a_scenario_can_deploy_it()
    {
        var codes = MeshSecurity.Core.Mesh.MeshContracts.Codes();
        string[] expected = [ConsumerContract.Code, LockupContract.Code, MetaStakingContract.Code, ProviderContract.Code,
            SlasherContract.Code, TestLienholderContract.Code];
        Assert.Equal(expected.Order(StringComparer.Ordinal), codes.CodeIds.Order(StringComparer.Ordinal));
        var registered = new OneChain(codes.Get(LockupContract.Code), codes.Get(TestLienholderContract.Code));
        var lockup = registered.Instantiate(LockupContract.Code, new LockupMsg.Instantiate(OneChain.Denom), label: "lockup");
        var holder = registered.Instantiate(TestLienholderContract.Code, new TestLienholderMsg.Instantiate(lockup.Value), label: "holder");
        Assert.True(registered.Execute(OneChain.Exec(lockup, new LockupMsg.Execute.Bond(), 1000)).IsSuccess);

        var grant = """{"grant_claim":{"leinholder":"HOLDER","amount":"400","validator":"v1"}}""".Replace("HOLDER", holder.Value,
            StringComparison.Ordinal);
        Assert.True(registered.Execute(new CosmosMsg.WasmExecute(lockup, grant, Coins.Empty)).IsSuccess);
        var slash = """{"slash":{"owner":"ALICE","amount":"150"}}""".Replace("ALICE", registered.Alice.Value, StringComparison.Ordinal);
        Assert.True(registered.Execute(new CosmosMsg.WasmExecute(holder, slash, Coins.Empty)).IsSuccess);

        var balance = registered.Chain.Query<LockupMsg.BalanceResponse>(lockup, new LockupMsg.Query.Balance(registered.Alice.Value));
        Assert.Equal(((Amount)850, (Amount)250), (balance.Bonded, Assert.Single(balance.Claims).Amount));
        Assert.Equal([TestLienholderEvents.ReceiveClaim, TestLienholderEvents.Slash],
            registered.Chain.Query<TestLienholderMsg.CallsResponse>(holder, new TestLienholderMsg.Query.Calls()).Calls.Select(c => c.Kind));
    }
}
