using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Execution;

public class TransactionAtomicityTests
{
    private readonly OneChain _c = new();

    [Fact]
    public void A_successful_transaction_applies_every_message_and_reports_its_events()
    {
        var app = _c.Mock();

        var r = _c.Execute(
            new CosmosMsg.BankSend(_c.Bob, OneChain.Ua(100)),
            OneChain.Exec(app, new MockApp.Exec.Increment(5), funds: 50));

        Assert.True(r.IsSuccess, r.ToString());
        Assert.Equal(-1, r.FailedMsgIndex);
        Assert.Equal(2, r.MsgData.Length);
        Assert.Equal((Amount)100, _c.Balance(_c.Bob));
        Assert.Equal((Amount)50, _c.Balance(app));
        Assert.Equal((Amount)(OneChain.AliceFunds - 150), _c.Balance(_c.Alice));
        Assert.Equal(5, _c.MockState(app).Counter);
        // the bank send, then the funds moving to the contract, then the contract call and its attributes
        Assert.Equal(["transfer", "transfer", "execute", "wasm"], r.Events.Select(e => e.Type));
        var wasm = r.Events.Single(e => e.Type == "wasm");
        Assert.Equal(app.Value, wasm.Get("_contract_address"));
        Assert.Equal("5", wasm.Get("counter"));
    }

    [Theory]
    [InlineData("failure: the contract refuses the second message", "contract-error", "Boom")]
    [InlineData("failure: the sender cannot pay the second message", "insufficient-funds", "InsufficientFunds")]
    [InlineData("failure: the second message sends to an invalid address", "invalid-address", "InvalidAddress")]
    [InlineData("failure: the second message calls a contract that does not exist", "no-contract", "NotFound")]
    [InlineData("failure: the contract panics on the second message", "panic", "Panic")]
    [InlineData("failure: the second message is a relayer message with a bad client", "bad-relay", "ClientNotFound")]
    [InlineData("failure: the second message sends nothing (a zero amount)", "zero-send", "InvalidCoins")]
    [InlineData("failure: the second message burns nothing", "zero-burn", "InvalidCoins")]
    public void A_transaction_whose_second_message_fails_leaves_no_effect(string label, string failure, string kind)
    {
        _ = label;
        var app = _c.Mock();
        var script = _c.Script();
        CosmosMsg second = failure switch
        {
            "contract-error" => OneChain.Exec(app, new MockApp.Exec.Fail("no")),
            "insufficient-funds" => new CosmosMsg.BankSend(_c.Bob, OneChain.Ua(OneChain.AliceFunds)),
            "invalid-address" => new CosmosMsg.BankSend(new Addr("b1abcdefgh"), OneChain.Ua(1)),
            "no-contract" => OneChain.Exec(Addr.Derive("a", "nobody"), new MockApp.Exec.Increment(1)),
            "panic" => OneChain.Exec(script, new ScriptApp.Exec.Panic("oops")),
            "bad-relay" => new CosmosMsg.Relay(new IbcRelayMsg.UpdateClient("07-tendermint-9", _c.Chain.Header())),
            "zero-send" => new CosmosMsg.BankSend(_c.Bob, OneChain.Ua(0)),
            "zero-burn" => new CosmosMsg.BankBurn(OneChain.Ua(0)),
            _ => throw new ArgumentOutOfRangeException(nameof(failure)),
        };

        var r = _c.Execute(
            OneChain.Exec(app, new MockApp.Exec.Increment(5), funds: 50),
            second);

        Assert.False(r.IsSuccess);
        Assert.Equal(kind, r.Error!.Kind);
        Assert.Equal(1, r.FailedMsgIndex);
        Assert.Empty(r.Events);
        Assert.Empty(r.MsgData);
        Assert.Equal((Amount)OneChain.AliceFunds, _c.Balance(_c.Alice));
        Assert.Equal(Amount.Zero, _c.Balance(app));
        Assert.Equal(Amount.Zero, _c.Balance(_c.Bob));
        Assert.Equal(0, _c.MockState(app).Counter);
        Assert.Empty(_c.Chain.State.Bank.CheckConservation());
    }

    [Fact]
    public void A_failed_transaction_does_not_affect_the_next_one_in_the_same_block()
    {
        var app = _c.Mock();
        _c.Chain.Submit(Core.Execution.Tx.Of(_c.Alice, OneChain.Exec(app, new MockApp.Exec.Increment(5)), OneChain.Exec(app, new MockApp.Exec.Fail("x"))));
        _c.Chain.Submit(Core.Execution.Tx.Of(_c.Alice, OneChain.Exec(app, new MockApp.Exec.Increment(2))));

        var block = _c.Coord.CommitBlock(_c.Chain)[0];

        Assert.False(block.TxResults[0].IsSuccess);
        Assert.True(block.TxResults[1].IsSuccess);
        Assert.Equal(2, _c.MockState(app).Counter);
        Assert.Equal(block.TxResults[1].Events, block.AllEvents.Where(e => e.Type is "execute" or "wasm"));
    }

    [Fact]
    public void A_contract_error_inside_an_execute_with_funds_refunds_the_funds()
    {
        var app = _c.Mock();

        var r = _c.Execute(OneChain.Exec(app, new MockApp.Exec.Fail("keep your money"), funds: 400));

        Assert.False(r.IsSuccess);
        Assert.Equal(0, r.FailedMsgIndex);
        var boom = Assert.IsType<MockApp.Boom>(r.Error);
        Assert.Equal("keep your money", boom.Why);
        Assert.Equal((Amount)OneChain.AliceFunds, _c.Balance(_c.Alice));
        Assert.Equal(Amount.Zero, _c.Balance(app));
    }

    [Fact]
    public void A_failed_instantiation_with_funds_leaves_no_contract_and_refunds_the_funds()
    {
        var contractsBefore = _c.Chain.State.Wasm.Contracts.Count;
        var next = _c.Chain.State.Wasm.NextInstanceId;
        var wouldBe = Addr.Derive("a", $"contract/{MockApp.Code}/{next}");

        var r = _c.Execute(new CosmosMsg.WasmInstantiate(MockApp.Code, "not json", OneChain.Ua(10), "broken", null));

        Assert.Equal("ParseError", r.Error!.Kind);
        Assert.Equal(contractsBefore, _c.Chain.State.Wasm.Contracts.Count);
        Assert.Equal(next, _c.Chain.State.Wasm.NextInstanceId);
        Assert.Null(_c.Chain.State.Wasm.Get(wouldBe));
        Assert.DoesNotContain(_c.Chain.Contracts.Instances, i => i.Address == wouldBe);
        Assert.False(_c.Chain.State.Wasm.PortOwners.ContainsKey(WasmState.PortOf(wouldBe)));
        Assert.Equal((Amount)OneChain.AliceFunds, _c.Balance(_c.Alice));
        Assert.Equal(Amount.Zero, _c.Balance(wouldBe));
    }

    [Fact]
    public void Instantiating_an_unknown_code_is_refused()
    {
        var r = _c.Execute(new CosmosMsg.WasmInstantiate("no-such-code", new MockApp.Init(0), Coins.Empty, "x", null));

        Assert.Equal("NotFound", r.Error!.Kind);
    }

    [Fact]
    public void A_panic_in_contract_code_fails_the_transaction_with_kind_Panic_and_the_chain_goes_on()
    {
        var script = _c.Script();
        var height = _c.Chain.Height;

        var r = _c.Execute(OneChain.Exec(script, new ScriptApp.Exec.IncrementThen(1, []), funds: 7), OneChain.Exec(script, new ScriptApp.Exec.Panic("index out of range")));

        Assert.False(r.IsSuccess);
        Assert.Equal("Panic", r.Error!.Kind);
        Assert.Equal("std", r.Error.Codespace);
        Assert.Contains("InvalidOperationException: index out of range", r.Error.Message);
        Assert.Equal(height + 1, _c.Chain.Height);
        Assert.Equal(0, _c.ScriptState(script).Counter);
        Assert.Equal(Amount.Zero, _c.Balance(script));
        var after = _c.Execute(OneChain.Exec(script, new ScriptApp.Exec.IncrementThen(3, [])));
        Assert.True(after.IsSuccess, after.ToString());
        Assert.Equal(3, _c.ScriptState(script).Counter);
    }

    [Fact]
    public void A_panic_in_contract_code_outside_the_contract_base_also_fails_only_the_transaction()
    {
        var c = new OneChain(new ThrowingCode());
        var r = c.Coord.Execute(c.Chain, c.Alice, new CosmosMsg.WasmInstantiate(ThrowingCode.Code, "{}", Coins.Empty, "t", null));

        Assert.Equal("Panic", r.Error!.Kind);
        Assert.Equal(c.Chain.Height, c.Chain.Blocks[^1].Height);
    }

    [Fact]
    public void Sudo_from_an_ordinary_account_is_refused()
    {
        var script = _c.Script();

        var r = _c.Execute(new CosmosMsg.WasmSudo(script, "hello"));

        Assert.Equal("Generic", r.Error!.Kind);
        Assert.Contains("only governance may sudo", r.Error.Message);
        Assert.Empty(_c.ScriptState(script).Log);
    }

    [Fact]
    public void Sudo_from_governance_reaches_the_contract()
    {
        var script = _c.Script();

        var r = _c.Execute(_c.Chain.Gov, new CosmosMsg.WasmSudo(script, "hello"));

        Assert.True(r.IsSuccess, r.ToString());
        Assert.Equal(ModuleAccounts.Gov("a"), _c.Chain.Gov);
        Assert.Equal(["sudo hello"], _c.ScriptState(script).Log);
    }

    [Fact]
    public void Sudo_dispatched_by_a_contract_is_refused_because_the_contract_is_not_governance()
    {
        var app = _c.Mock();
        var script = _c.Script();

        var r = _c.Execute(OneChain.Dispatch(app, new CosmosMsg.WasmSudo(script, "escalate"), ReplyOn.Never, 1));

        Assert.Equal("Generic", r.Error!.Kind);
        Assert.Empty(_c.ScriptState(script).Log);
    }

    [Fact]
    public void Sudo_from_governance_to_a_contract_without_a_sudo_entry_point_is_refused_by_the_contract()
    {
        var app = _c.Mock();

        var r = _c.Execute(_c.Chain.Gov, new CosmosMsg.WasmSudo(app, "hello"));

        Assert.Equal("UnsupportedEntryPoint", r.Error!.Kind);
    }

    [Fact]
    public void A_contract_cannot_submit_relayer_messages()
    {
        var app = _c.Mock();

        var r = _c.Execute(OneChain.Dispatch(app, new CosmosMsg.Relay(new IbcRelayMsg.CreateClient(_c.Chain.Header(), 100)), ReplyOn.Never, 1));

        Assert.Equal("Forbidden", r.Error!.Kind);
        Assert.Empty(_c.Chain.State.Ibc.Clients);
    }

    [Fact]
    public void A_contract_without_a_port_cannot_send_packets()
    {
        var app = _c.Mock();

        var r = _c.Execute(OneChain.Exec(app, new MockApp.Exec.Send("channel-0", "hi", 60)));

        Assert.Equal("ChannelNotFound", r.Error!.Kind);
    }
}
