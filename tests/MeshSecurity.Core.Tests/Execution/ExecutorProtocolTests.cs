using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Execution;

/// <summary>
/// The executor asks, it does not call: driving <see cref="TxExecution"/> by hand shows which requests a driver
/// must answer, and that chain state only changes in what the execution hands back.
/// </summary>
public class ExecutorProtocolTests
{
    private readonly OneChain _c = new();

    private static List<ExecutorRequest> Drive(TxExecution execution, ContractHost host)
    {
        var seen = new List<ExecutorRequest>();
        while (execution.Pending is { } request)
        {
            // a call request is filled anew for the next call: a driver that keeps it keeps a copy (ExecutorRequest.Call)
            seen.Add(request is ExecutorRequest.Call call ? call with { } : request);
            execution.Resume(host.Answer(request));
        }
        return seen;
    }

    [Fact]
    public void A_bank_only_transaction_asks_only_to_commit_scope_zero()
    {
        var tx = Core.Execution.Tx.Of(_c.Alice, new CosmosMsg.BankSend(_c.Bob, OneChain.Ua(5)));
        var execution = TxExecution.Start(_c.Chain.State, tx, _c.Chain.Contracts.Codes);

        var requests = Drive(execution, _c.Chain.Contracts);

        var end = Assert.IsType<ExecutorRequest.EndScope>(Assert.Single(requests));
        Assert.Equal(0, end.Depth);
        Assert.True(end.Commit);
        Assert.Empty(end.Contracts);
        Assert.True(execution.IsDone);
        Assert.True(execution.Result!.IsSuccess);
        Assert.Equal((Amount)5, execution.State.Bank.Balance(_c.Bob, OneChain.Denom));
        // the bank is written in place (decision 0014): until a block's driver commits the log, the send can be undone
        execution.State.Undo.RollbackTo(0);
        Assert.Equal(Amount.Zero, _c.Chain.Balance(_c.Bob, OneChain.Denom));
    }

    [Fact]
    public void A_contract_call_is_a_request_and_the_touched_contract_is_committed_at_the_end()
    {
        var app = _c.Mock();
        var tx = Core.Execution.Tx.Of(_c.Alice, OneChain.Exec(app, new MockApp.Exec.Increment(2)));
        var execution = TxExecution.Start(_c.Chain.State, tx, _c.Chain.Contracts.Codes);

        var requests = Drive(execution, _c.Chain.Contracts);

        Assert.Collection(requests,
            r =>
            {
                var call = Assert.IsType<ExecutorRequest.Call>(r);
                Assert.Equal(app, call.Contract);
                Assert.Equal(MockApp.Code, call.CodeId);
                Assert.Equal(0, call.Depth);
                Assert.IsType<ContractCall.Execute>(call.Invocation);
            },
            r =>
            {
                var end = Assert.IsType<ExecutorRequest.EndScope>(r);
                Assert.True(end.Commit);
                Assert.Equal([app], end.Contracts.ToArray());
            });
        Assert.Equal(2, ((MockApp.State)_c.Chain.Contracts.CommittedState(app)!).Counter);
    }

    [Fact]
    public void A_failing_transaction_asks_to_roll_back_scope_zero_and_hands_back_the_state_it_started_from()
    {
        var app = _c.Mock();
        var before = _c.Chain.State;
        var writes = before.Undo.Count;
        var tx = Core.Execution.Tx.Of(_c.Alice, OneChain.Exec(app, new MockApp.Exec.Increment(2), funds: 9), OneChain.Exec(app, new MockApp.Exec.Fail("x")));
        var execution = TxExecution.Start(before, tx, _c.Chain.Contracts.Codes);

        var requests = Drive(execution, _c.Chain.Contracts);

        var end = Assert.IsType<ExecutorRequest.EndScope>(requests[^1]);
        Assert.False(end.Commit);
        Assert.Equal(0, end.Depth);
        Assert.Same(before, execution.State);
        Assert.Equal(writes, execution.State.Undo.Count); // the funds sent and the rest undone
        Assert.Equal(1, execution.Result!.FailedMsgIndex);
        Assert.Equal(0, ((MockApp.State)_c.Chain.Contracts.CommittedState(app)!).Counter);
    }

    [Fact]
    public void A_caught_sub_message_failure_rolls_back_its_own_scope_only()
    {
        var caller = _c.Mock();
        var callee = _c.Mock();
        var tx = Core.Execution.Tx.Of(_c.Alice, OneChain.Dispatch(caller, OneChain.Exec(callee, new MockApp.Exec.Fail("x")), ReplyOn.Error, 3));
        var execution = TxExecution.Start(_c.Chain.State, tx, _c.Chain.Contracts.Codes);

        var requests = Drive(execution, _c.Chain.Contracts);

        var ends = requests.OfType<ExecutorRequest.EndScope>().ToList();
        Assert.Equal(2, ends.Count);
        Assert.Equal((1, false), (ends[0].Depth, ends[0].Commit));
        Assert.Equal([callee], ends[0].Contracts.ToArray());
        Assert.Equal((0, true), (ends[1].Depth, ends[1].Commit));
        var calls = requests.OfType<ExecutorRequest.Call>().ToList();
        Assert.Equal([0, 1, 0], calls.Select(c => c.Depth));
        Assert.IsType<ContractCall.HandleReply>(calls[^1].Invocation);
    }

    [Fact]
    public void A_scope_opened_after_another_closed_starts_empty_and_from_the_state_it_opens_on()
    {
        // the executor reuses a closed scope for the next (TxExecution.OpenScope): the second must not inherit the
        // first's touched contracts, savepoint or saved state
        var caller = _c.Mock();
        var failing = _c.Mock();
        var counting = _c.Mock();
        var tx = Core.Execution.Tx.Of(_c.Alice,
            OneChain.Dispatch(caller, OneChain.Exec(failing, new MockApp.Exec.Fail("x")), ReplyOn.Error, 3),
            OneChain.Dispatch(caller, OneChain.Exec(counting, new MockApp.Exec.Increment(2)), ReplyOn.Error, 4));
        var execution = TxExecution.Start(_c.Chain.State, tx, _c.Chain.Contracts.Codes);

        var requests = Drive(execution, _c.Chain.Contracts);

        var ends = requests.OfType<ExecutorRequest.EndScope>().ToList();
        Assert.Equal(3, ends.Count);
        Assert.Equal((1, false), (ends[0].Depth, ends[0].Commit));
        Assert.Equal([failing], ends[0].Contracts.ToArray());
        Assert.Equal((1, true), (ends[1].Depth, ends[1].Commit));
        Assert.Equal([counting], ends[1].Contracts.ToArray());
        Assert.Equal((0, true), (ends[2].Depth, ends[2].Commit));
        Assert.Equal(new[] { caller, counting }.Order().ToArray(), ends[2].Contracts.ToArray());
        Assert.True(execution.Result!.IsSuccess);
        Assert.Equal(2, ((MockApp.State)_c.Chain.Contracts.CommittedState(counting)!).Counter);
        Assert.Equal(0, ((MockApp.State)_c.Chain.Contracts.CommittedState(failing)!).Counter);
    }

    [Fact]
    public void Resuming_a_finished_execution_is_refused()
    {
        var tx = Core.Execution.Tx.Of(_c.Alice, new CosmosMsg.BankSend(_c.Bob, OneChain.Ua(5)));
        var execution = TxExecution.Start(_c.Chain.State, tx, _c.Chain.Contracts.Codes);
        Drive(execution, _c.Chain.Contracts);

        Assert.Throws<InvalidOperationException>(() => execution.Resume(null));
    }

    [Fact]
    public void A_transaction_keeps_the_id_its_submitter_gave_it()
    {
        var tx = new Tx(_c.Alice, [new CosmosMsg.BankSend(_c.Bob, OneChain.Ua(5))], "my-tx-1");

        var r = _c.Coord.Deliver(_c.Chain, tx);

        Assert.Equal("my-tx-1", r.TxId);
    }
}
