using MeshSecurity.Core.Math;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Execution;

/// <summary>
/// CosmWasm sub-message semantics, driven through MockApp's Dispatch: the caller (funded with 1000ua) sends one
/// sub-message and logs the replies it gets.
/// </summary>
public class SubMessageTests
{
    private readonly OneChain _c = new();
    private readonly Addr _caller;
    private readonly Addr _callee;

    public SubMessageTests()
    {
        _caller = _c.Mock(funds: 1000);
        _callee = _c.Mock();
    }

    private CosmosMsg Dispatch(CosmosMsg msg, ReplyOn replyOn, ulong id) => OneChain.Dispatch(_caller, msg, replyOn, id);

    private CosmosMsg CalleeFails => OneChain.Exec(_callee, new MockApp.Exec.Fail("callee refuses"));

    private CosmosMsg CalleeIncrements(int by, ulong funds = 0) => OneChain.Exec(_callee, new MockApp.Exec.Increment(by), funds);

    [Fact]
    public void A_failing_sub_message_with_reply_never_fails_the_parent_transaction()
    {
        var r = _c.Execute(Dispatch(CalleeFails, ReplyOn.Never, 1));

        Assert.False(r.IsSuccess);
        Assert.Equal("Boom", r.Error!.Kind);
        Assert.Empty(_c.MockState(_caller).Log);
    }

    [Fact]
    public void A_succeeding_sub_message_with_reply_never_applies_without_a_reply()
    {
        var r = _c.Execute(Dispatch(CalleeIncrements(2, funds: 100), ReplyOn.Never, 1));

        Assert.True(r.IsSuccess, r.ToString());
        Assert.Equal(2, _c.MockState(_callee).Counter);
        Assert.Equal((Amount)100, _c.Balance(_callee));
        Assert.Equal((Amount)900, _c.Balance(_caller));
        Assert.Empty(_c.MockState(_caller).Log);
    }

    [Fact]
    public void A_failing_sub_message_with_reply_on_error_is_rolled_back_and_the_reply_is_logged_while_the_transaction_succeeds()
    {
        // the callee really changes its state and moves tokens before a message it dispatched fails
        var script = _c.Script();
        var failingWork = OneChain.Exec(script, new ScriptApp.Exec.IncrementThen(5, [
            new CosmosMsg.BankSend(_c.Bob, OneChain.Ua(30)),
            CalleeFails,
        ]), funds: 100);

        var r = _c.Execute(Dispatch(failingWork, ReplyOn.Error, 7));

        Assert.True(r.IsSuccess, r.ToString());
        Assert.Equal(["reply 7 error Boom"], _c.MockState(_caller).Log);
        Assert.Equal(0, _c.ScriptState(script).Counter);
        Assert.Empty(_c.ScriptState(script).Log);
        Assert.Equal((Amount)1000, _c.Balance(_caller));
        Assert.Equal(Amount.Zero, _c.Balance(script));
        Assert.Equal(Amount.Zero, _c.Balance(_c.Bob));
        Assert.DoesNotContain(r.Events, e => e.Attributes.Any(a => a.Value == script.Value));
        Assert.DoesNotContain(r.Events, e => e.Type == "transfer");
        Assert.Empty(_c.Chain.State.Bank.CheckConservation());
    }

    [Fact]
    public void A_plain_execute_of_a_missing_contract_fails_inside_the_scope_that_catches_it()
    {
        // the plain execute runs without Dispatch's iterator (TxExecution.RunEntry): its check must still raise inside
        // the reply-on-error scope around it, rolling back what the script did before, and not fail the transaction
        var script = _c.Script();
        var missing = OneChain.Exec(Addr.Derive("a", "no-such-contract"), new MockApp.Exec.Increment(1));
        var work = OneChain.Exec(script, new ScriptApp.Exec.IncrementThen(5, [new CosmosMsg.BankSend(_c.Bob, OneChain.Ua(30)), missing]),
            funds: 100);

        var r = _c.Execute(Dispatch(work, ReplyOn.Error, 9));

        Assert.True(r.IsSuccess, r.ToString());
        Assert.Equal(["reply 9 error NotFound"], _c.MockState(_caller).Log);
        Assert.Equal(0, _c.ScriptState(script).Counter);
        Assert.Equal((Amount)1000, _c.Balance(_caller));
        Assert.Equal(Amount.Zero, _c.Balance(_c.Bob));
    }

    [Fact]
    public void A_succeeding_sub_message_with_reply_on_error_applies_without_a_reply()
    {
        var r = _c.Execute(Dispatch(CalleeIncrements(2), ReplyOn.Error, 8));

        Assert.True(r.IsSuccess, r.ToString());
        Assert.Equal(2, _c.MockState(_callee).Counter);
        Assert.Empty(_c.MockState(_caller).Log);
    }

    [Fact]
    public void A_failing_sub_message_with_reply_on_success_fails_the_whole_transaction()
    {
        var r = _c.Execute(Dispatch(CalleeFails, ReplyOn.Success, 9));

        Assert.False(r.IsSuccess);
        Assert.Equal("Boom", r.Error!.Kind);
        Assert.Equal(0, r.FailedMsgIndex);
        Assert.Empty(_c.MockState(_caller).Log);
    }

    [Fact]
    public void A_succeeding_sub_message_with_reply_on_success_gets_its_reply()
    {
        var r = _c.Execute(Dispatch(CalleeIncrements(3), ReplyOn.Success, 9));

        Assert.True(r.IsSuccess, r.ToString());
        Assert.Equal(3, _c.MockState(_callee).Counter);
        Assert.Equal(["reply 9 ok"], _c.MockState(_caller).Log);
    }

    [Theory]
    [InlineData("success: the sub-message succeeds", true, "reply 4 ok", 3)]
    [InlineData("failure: the sub-message fails and is rolled back", false, "reply 4 error Boom", 0)]
    public void A_sub_message_with_reply_always_gets_its_reply_either_way(string label, bool succeeds, string logged, int calleeCounter)
    {
        _ = label;
        var msg = succeeds ? CalleeIncrements(3, funds: 10) : OneChain.Exec(_callee, new MockApp.Exec.Fail("no"), funds: 10);

        var r = _c.Execute(Dispatch(msg, ReplyOn.Always, 4));

        Assert.True(r.IsSuccess, r.ToString());
        Assert.Equal([logged], _c.MockState(_caller).Log);
        Assert.Equal(calleeCounter, _c.MockState(_callee).Counter);
        Assert.Equal(succeeds ? (Amount)10 : Amount.Zero, _c.Balance(_callee));
    }

    [Fact]
    public void A_nested_instantiation_that_fails_under_reply_on_error_leaves_no_contract_behind()
    {
        var next = _c.Chain.State.Wasm.NextInstanceId;
        var wouldBe = Addr.Derive("a", $"contract/{MockApp.Code}/{next}");
        var contracts = _c.Chain.State.Wasm.Contracts.Count;
        var instances = _c.Chain.Contracts.Instances.Count();

        var r = _c.Execute(Dispatch(new CosmosMsg.WasmInstantiate(MockApp.Code, "not json", OneChain.Ua(10), "child", null), ReplyOn.Error, 6));

        Assert.True(r.IsSuccess, r.ToString());
        Assert.Equal(["reply 6 error ParseError"], _c.MockState(_caller).Log);
        Assert.Equal(contracts, _c.Chain.State.Wasm.Contracts.Count);
        Assert.Equal(instances, _c.Chain.Contracts.Instances.Count());
        Assert.Null(_c.Chain.State.Wasm.Get(wouldBe));
        Assert.Null(_c.Chain.Contracts.CommittedState(wouldBe));
        Assert.Equal(next, _c.Chain.State.Wasm.NextInstanceId);
        Assert.Equal((Amount)1000, _c.Balance(_caller));
        Assert.Equal(Amount.Zero, _c.Balance(wouldBe));

        // the address is free again: the next instantiation gets it and starts from its own state
        var again = _c.Instantiate(MockApp.Code, new MockApp.Init(42));
        Assert.Equal(wouldBe, again);
        Assert.Equal(42, _c.MockState(again).Counter);
    }

    [Fact]
    public void A_nested_instantiation_that_succeeded_is_removed_when_its_scope_is_rolled_back_later()
    {
        var script = _c.Script();
        var next = _c.Chain.State.Wasm.NextInstanceId;
        var child = Addr.Derive("a", $"contract/{MockApp.Code}/{next}");
        var work = OneChain.Exec(script, new ScriptApp.Exec.IncrementThen(1, [
            new CosmosMsg.WasmInstantiate(MockApp.Code, new MockApp.Init(9), Coins.Empty, "child", null),
            OneChain.Exec(child, new MockApp.Exec.Increment(1)),
            CalleeFails,
        ]));

        var r = _c.Execute(Dispatch(work, ReplyOn.Error, 5));

        Assert.True(r.IsSuccess, r.ToString());
        Assert.Equal(["reply 5 error Boom"], _c.MockState(_caller).Log);
        Assert.Null(_c.Chain.State.Wasm.Get(child));
        Assert.DoesNotContain(_c.Chain.Contracts.Instances, i => i.Address == child);
        Assert.Equal(next, _c.Chain.State.Wasm.NextInstanceId);
        Assert.Equal(0, _c.ScriptState(script).Counter);
    }

    [Fact]
    public void A_nested_instantiation_that_succeeds_creates_a_contract_owned_by_its_creator()
    {
        var next = _c.Chain.State.Wasm.NextInstanceId;
        var child = Addr.Derive("a", $"contract/{MockApp.Code}/{next}");

        var r = _c.Execute(Dispatch(new CosmosMsg.WasmInstantiate(MockApp.Code, new MockApp.Init(7), OneChain.Ua(10), "child", null), ReplyOn.Success, 6));

        Assert.True(r.IsSuccess, r.ToString());
        Assert.Equal(["reply 6 ok"], _c.MockState(_caller).Log);
        Assert.Equal(_caller, _c.Chain.State.Wasm.Get(child)!.Creator);
        Assert.Equal(7, _c.MockState(child).Counter);
        Assert.Equal((Amount)10, _c.Balance(child));
    }

    [Fact]
    public void A_caught_failure_two_levels_down_is_replied_to_by_the_contract_that_caught_it_only()
    {
        var middle = _c.Mock();
        var inner = OneChain.Dispatch(middle, CalleeFails, ReplyOn.Error, 2);

        var r = _c.Execute(Dispatch(inner, ReplyOn.Error, 1));

        Assert.True(r.IsSuccess, r.ToString());
        Assert.Equal(["reply 2 error Boom"], _c.MockState(middle).Log);
        Assert.Empty(_c.MockState(_caller).Log);
    }

    [Fact]
    public void A_transaction_that_fails_after_a_caught_failure_undoes_the_reply_too()
    {
        var r = _c.Execute(
            Dispatch(CalleeFails, ReplyOn.Error, 1),
            OneChain.Exec(_callee, new MockApp.Exec.Fail("later")));

        Assert.False(r.IsSuccess);
        Assert.Equal(1, r.FailedMsgIndex);
        Assert.Empty(_c.MockState(_caller).Log);
    }

    [Fact]
    public void A_transaction_that_fails_after_a_committed_sub_message_undoes_the_sub_message()
    {
        var r = _c.Execute(
            Dispatch(CalleeIncrements(3, funds: 50), ReplyOn.Always, 1),
            OneChain.Exec(_callee, new MockApp.Exec.Fail("later")));

        Assert.False(r.IsSuccess);
        Assert.Equal(0, _c.MockState(_callee).Counter);
        Assert.Equal(Amount.Zero, _c.Balance(_callee));
        Assert.Empty(_c.MockState(_caller).Log);
        Assert.Equal((Amount)1000, _c.Balance(_caller));
    }

    [Fact]
    public void Sub_messages_in_consecutive_transactions_each_see_the_committed_state_of_the_last()
    {
        _c.Execute(Dispatch(CalleeIncrements(1), ReplyOn.Always, 1));
        _c.Execute(Dispatch(CalleeFails, ReplyOn.Always, 2));
        _c.Execute(Dispatch(CalleeIncrements(10), ReplyOn.Success, 3));

        Assert.Equal(11, _c.MockState(_callee).Counter);
        Assert.Equal(["reply 1 ok", "reply 2 error Boom", "reply 3 ok"], _c.MockState(_caller).Log);
    }
}
