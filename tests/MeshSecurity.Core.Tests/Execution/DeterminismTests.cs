using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Execution;

public class DeterminismTests
{
    /// <summary>A fixed history: instantiations, transfers, successes, failures, caught and uncaught sub-messages, a panic, sudo.</summary>
    private static OneChain Play()
    {
        var c = new OneChain();
        var caller = c.Mock(funds: 1000);
        var callee = c.Mock();
        var script = c.Script(funds: 5);
        c.Execute(new CosmosMsg.BankSend(c.Bob, OneChain.Ua(123)));
        c.Execute(OneChain.Exec(callee, new MockApp.Exec.Increment(4), funds: 9), OneChain.Exec(callee, new MockApp.Exec.Fail("no")));
        c.Execute(OneChain.Dispatch(caller, OneChain.Exec(callee, new MockApp.Exec.Fail("no")), ReplyOn.Error, 1));
        c.Execute(OneChain.Dispatch(caller, OneChain.Exec(callee, new MockApp.Exec.Increment(2), funds: 20), ReplyOn.Always, 2));
        c.Execute(OneChain.Exec(script, new ScriptApp.Exec.Panic("boom")));
        c.Execute(c.Chain.Gov, new CosmosMsg.WasmSudo(script, "tick"));
        c.Execute(c.Bob, OneChain.Exec(script, new ScriptApp.Exec.IncrementThen(1, [new CosmosMsg.BankSend(c.Alice, OneChain.Ua(5))]), funds: 3));
        c.Coord.CommitBlocks(2);
        return c;
    }

    private static string Describe(OneChain c) => string.Join("\n", c.Chain.Blocks.Select(b =>
        $"{b.Height}@{b.Time}|{b.AppHash}|" + string.Join(";", b.TxResults.Select(t => $"{t}|{t.FailedMsgIndex}|{string.Join(",", t.Events)}"))));

    [Fact]
    public void The_same_transactions_on_two_fresh_identical_chains_give_identical_results_and_states()
    {
        var one = Play();
        var two = Play();

        Assert.Equal(one.Chain.AppHash, two.Chain.AppHash);
        Assert.Equal(one.Chain.Height, two.Chain.Height);
        Assert.Equal(Describe(one), Describe(two));
        Assert.Equal(one.Chain.State.Bank.Balances.Select(kv => $"{kv.Key.Address}/{kv.Key.Denom}={kv.Value}"),
            two.Chain.State.Bank.Balances.Select(kv => $"{kv.Key.Address}/{kv.Key.Denom}={kv.Value}"));
        Assert.Equal(one.Chain.State.Bank.Supply, two.Chain.State.Bank.Supply);
        Assert.Equal(one.Chain.State.Wasm.Contracts.Keys, two.Chain.State.Wasm.Contracts.Keys);
        foreach (var inst in one.Chain.Contracts.Instances)
        {
            var other = two.Chain.Contracts.CommittedState(inst.Address);
            switch (inst.Committed)
            {
                case MockApp.State m:
                    var n = Assert.IsType<MockApp.State>(other);
                    Assert.Equal(m.Counter, n.Counter);
                    Assert.Equal(m.Log, n.Log);
                    break;
                case ScriptApp.State s:
                    var t = Assert.IsType<ScriptApp.State>(other);
                    Assert.Equal(s.Counter, t.Counter);
                    Assert.Equal(s.Log, t.Log);
                    break;
                default:
                    Assert.Fail($"unexpected state {inst.Committed}");
                    break;
            }
        }
    }

    [Fact]
    public void The_history_played_is_not_trivial()
    {
        var c = Play();
        var results = c.Chain.Blocks.SelectMany(b => b.TxResults).ToList();

        Assert.Contains(results, r => !r.IsSuccess && r.Error!.Kind == "Panic");
        Assert.Contains(results, r => !r.IsSuccess && r.Error!.Kind == "Boom");
        Assert.True(results.Count(r => r.IsSuccess) >= 7);
        Assert.Empty(c.Chain.State.Bank.CheckConservation());
    }

    [Fact]
    public void A_different_history_gives_a_different_app_hash()
    {
        var one = Play();
        var two = Play();
        two.Execute(new CosmosMsg.BankSend(two.Bob, OneChain.Ua(1)));
        one.Execute(OneChain.Exec(Addr.Derive("a", "nobody"), new MockApp.Exec.Increment(1)));

        Assert.NotEqual(one.Chain.AppHash, two.Chain.AppHash);
    }

    [Fact]
    public void Two_chains_that_executed_different_transactions_report_different_app_hashes()
    {
        var one = new OneChain();
        var two = new OneChain();

        one.Execute(new CosmosMsg.BankSend(one.Bob, OneChain.Ua(1)));
        two.Execute(new CosmosMsg.BankSend(two.Bob, OneChain.Ua(999)));

        Assert.NotEqual(one.Balance(one.Bob), two.Balance(two.Bob));
        Assert.NotEqual(one.Chain.AppHash, two.Chain.AppHash);
    }

    [Fact]
    public void Executing_a_transaction_on_one_state_through_two_hosts_gives_the_same_result()
    {
        var a = new OneChain();
        var b = new OneChain();
        var tx = Core.Execution.Tx.Of(a.Alice,
            new CosmosMsg.WasmInstantiate(MockApp.Code, new MockApp.Init(1), OneChain.Ua(10), "m", null),
            new CosmosMsg.BankSend(a.Bob, OneChain.Ua(77)));

        var (ra, sa) = a.Chain.Contracts.Execute(a.Chain.State, tx);
        var (rb, sb) = b.Chain.Contracts.Execute(b.Chain.State, tx);

        Assert.Equal(ra.ToString(), rb.ToString());
        Assert.Equal(ra.Events.ToArray(), rb.Events.ToArray());
        Assert.Equal(ra.MsgData.ToArray(), rb.MsgData.ToArray());
        Assert.Equal(sa.Bank.Balances.ToList(), sb.Bank.Balances.ToList());
        Assert.Equal(sa.Wasm.Contracts.Keys, sb.Wasm.Contracts.Keys);
        Assert.Equal(ChainStateHeightOf(a), sa.Height);
    }

    private static ulong ChainStateHeightOf(OneChain c) => c.Chain.State.Height;

    [Fact]
    public void Genesis_is_deterministic()
    {
        var a = new OneChain();
        var b = new OneChain();

        Assert.Equal(a.Chain.AppHash, b.Chain.AppHash);
        Assert.Equal(a.Chain.Header().ValidatorKeys.Keys, b.Chain.Header().ValidatorKeys.Keys);
        Assert.Equal(ChainApp.ValidatorAddress("a", "v1"), a.Chain.State.Staking.Validators.Keys.Single());
    }
}
