using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Tests.IbcModule;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Execution;

/// <summary>
/// A transaction that writes every hot store (balances, through funds and a sub-message; supply and burned, through a
/// burn; a delegation and its validator; an unbonding entry; a packet commitment; a receipt and an acknowledgement,
/// through a receive whose callback runs in a nested scope; a light client, through an update; a connection and the
/// connection counter, through a handshake's first step) and then fails leaves each of them exactly as before, by content
/// (docs/decisions/0014-mutable-stores-with-an-undo-log.md: a store is read by copy). A sub-message that fails after
/// moving a coin is undone alone, to exact balances.
/// </summary>
public sealed class UndoAtomicityTests
{
    private readonly TwoChains _t = new();

    [Fact]
    public void A_failed_transaction_with_sub_messages_leaves_bank_and_ibc_exactly_as_before()
    {
        var (path, msgs) = Writes();
        var before = Contents(_t.B);

        var r = _t.Coord.Execute(_t.B, _t.Bob, [.. msgs, new CosmosMsg.WasmExecute(_t.AppB, new MockApp.Exec.Fail("no"), Coins.Empty)]);

        Assert.Equal("Boom", r.Error!.Kind);
        Assert.Equal(msgs.Length, r.FailedMsgIndex);
        var after = Contents(_t.B);
        Assert.Equal(before.Balances, after.Balances);
        Assert.Equal(before.Ledger, after.Ledger);
        Assert.Equal(before.Delegations, after.Delegations);
        Assert.Equal(before.Unbondings, after.Unbondings);
        Assert.Equal(before.Commitments, after.Commitments);
        Assert.Equal(before.Receipts, after.Receipts);
        Assert.Equal(before.Acks, after.Acks);
        Assert.Equal(before.Channels, after.Channels);
        Assert.Equal(before.Validators, after.Validators);
        Assert.Equal(before.Clients, after.Clients);
        Assert.Equal(before.Connections, after.Connections);
        Assert.Equal(before.Chain, after.Chain);
        Assert.Empty(_t.B.State.Ibc.PendingPackets(path.B.PortId, path.B.ChannelId));
    }

    [Fact]
    public void A_failed_transaction_after_an_instantiate_and_a_hook_subscription_leaves_the_wasm_registry_as_before()
    {
        var gov = ModuleAccounts.Gov("b");
        var before = Contents(_t.B);
        CosmosMsg[] writes =
        [
            new CosmosMsg.WasmInstantiate(MockApp.Code, new MockApp.Init(0), Coins.Empty, "second", null),
            new CosmosMsg.GovSubscribeHooks(_t.AppB),
        ];

        var failed = _t.Coord.Execute(_t.B, gov, [.. writes, new CosmosMsg.WasmExecute(_t.AppB, new MockApp.Exec.Fail("no"), Coins.Empty)]);

        Assert.Equal("Boom", failed.Error!.Kind);
        Assert.Equal(before.Chain, Contents(_t.B).Chain);
        // the same writes committed do change it: the comparison sees the registry
        Assert.True(_t.Coord.Execute(_t.B, gov, writes).IsSuccess);
        Assert.NotEqual(before.Chain, Contents(_t.B).Chain);
    }

    [Fact]
    public void A_sub_message_rolled_back_after_registering_its_instance_leaves_the_wasm_registry_as_before()
    {
        var before = Contents(_t.B);
        // the instance is registered, then its funds are short: the sub-message's scope (reply on error) undoes both
        var instantiate = new CosmosMsg.WasmInstantiate(MockApp.Code, new MockApp.Init(0), Coins.Of("ub", 1), "short", null);

        var r = _t.Coord.Execute(_t.B, _t.Bob,
            [new CosmosMsg.WasmExecute(_t.AppB, new MockApp.Exec.Dispatch(instantiate, ReplyOn.Error, 1), Coins.Empty)]);

        Assert.True(r.IsSuccess, r.ToString());
        Assert.Contains("reply 1 error", _t.StateB.Log.Single());
        Assert.Equal(before.Chain, Contents(_t.B).Chain);
    }

    [Fact]
    public void A_block_rolled_back_leaves_height_time_and_registry_as_before_and_a_copy_taken_during_it_sees_none_of_it()
    {
        var state = _t.B.State;
        var (before, copyBefore) = (Contents(_t.B), state.CommittedCopy());
        var tx = Tx.Of(_t.Bob, new CosmosMsg.WasmInstantiate(MockApp.Code, new MockApp.Init(0), Coins.Of("ub", 5), "new", null));
        var block = BlockExecution.Start(state, _t.Coord.Now.PlusSeconds(5), [tx], _t.B.Contracts.Codes, _t.B.AppHash);
        while (block.Pending is { } request) block.Resume(_t.B.Contracts.Answer(request));
        Assert.True(block.Result!.TxResults.Single().IsSuccess);

        var during = state.CommittedCopy();
        Assert.Equal(before.Height + 1, state.Height);
        Assert.Equal((before.Height, before.Time), (during.Height, during.Time));
        Assert.Equal(state.Wasm.NextInstanceId - 1, during.Wasm.NextInstanceId);
        Assert.Equal(before.Chain, Contents(during).Chain);
        Assert.Equal(before.Balances, Contents(during).Balances);
        // nor does a copy taken before the block, and the copies are the chain's no more: the block wrote neither
        Assert.Equal(before.Chain, Contents(copyBefore).Chain);

        state.Undo.RollbackTo(0);
        var after = Contents(_t.B);
        Assert.Equal((before.Height, before.Time), (after.Height, after.Time));
        Assert.Equal(before.Chain, after.Chain);
        Assert.Equal(before.Balances, after.Balances);
    }

    [Fact]
    public void The_same_transaction_without_its_failing_message_changes_every_one_of_those_stores()
    {
        var (_, msgs) = Writes();
        var before = Contents(_t.B);

        var r = _t.Coord.Execute(_t.B, _t.Bob, msgs);

        Assert.True(r.IsSuccess, r.ToString());
        var after = Contents(_t.B);
        Assert.NotEqual(before.Balances, after.Balances);
        Assert.NotEqual(before.Ledger, after.Ledger);
        Assert.NotEqual(before.Delegations, after.Delegations);
        Assert.NotEqual(before.Unbondings, after.Unbondings);
        Assert.NotEqual(before.Commitments, after.Commitments);
        Assert.NotEqual(before.Receipts, after.Receipts);
        Assert.NotEqual(before.Acks, after.Acks);
        Assert.NotEqual(before.Channels, after.Channels);
        Assert.NotEqual(before.Validators, after.Validators);
        Assert.NotEqual(before.Clients, after.Clients);
        Assert.NotEqual(before.Connections, after.Connections);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_governance_mint_in_a_failed_transaction_leaves_supply_and_minted_as_before(bool fails)
    {
        var (gov, carol) = (ModuleAccounts.Gov("b"), Addr.Derive("b", "carol"));
        var before = Contents(_t.B);
        var bank = _t.B.State.Bank;
        var (supply, minted) = (bank.SupplyOf("ub"), Of(bank.Minted, "ub"));
        CosmosMsg[] mint = [new CosmosMsg.GovMint(carol, Coins.Of("ub", 7))];
        var fail = new CosmosMsg.WasmExecute(_t.AppB, new MockApp.Exec.Fail("no"), Coins.Empty);

        var r = _t.Coord.Execute(_t.B, gov, fails ? [.. mint, fail] : mint);

        Assert.Equal(!fails, r.IsSuccess);
        var moved = fails ? Amount.Zero : (Amount)7;
        Assert.Equal(supply + moved, _t.B.State.Bank.SupplyOf("ub"));
        Assert.Equal(minted + moved, Of(_t.B.State.Bank.Minted, "ub"));
        Assert.Equal(moved, _t.B.Balance(carol, "ub"));
        if (fails) Assert.Equal(before.Ledger, Contents(_t.B).Ledger);
    }

    [Fact]
    public void A_sub_message_that_fails_after_moving_its_first_coin_is_undone_alone_to_exact_balances()
    {
        var carol = Addr.Derive("b", "carol");
        var (bob, app) = (_t.B.Balance(_t.Bob, "ub"), _t.B.Balance(_t.AppB, "ub"));
        // the send moves 10ub, then finds no zz: its scope (reply on error) rolls the 10ub back, the transaction commits
        var send = new CosmosMsg.BankSend(carol, Coins.Of(new Coin("ub", 10), new Coin("zz", 1)));

        var r = _t.Coord.Execute(_t.B, _t.Bob,
            [new CosmosMsg.WasmExecute(_t.AppB, new MockApp.Exec.Dispatch(send, ReplyOn.Error, 1), Coins.Of("ub", 100))]);

        Assert.True(r.IsSuccess, r.ToString());
        Assert.Equal(bob - 100, _t.B.Balance(_t.Bob, "ub"));
        Assert.Equal(app + 100, _t.B.Balance(_t.AppB, "ub"));
        Assert.Equal(Amount.Zero, _t.B.Balance(carol, "ub"));
        Assert.Empty(_t.B.State.Bank.CheckConservation());
    }

    [Fact]
    public void A_committed_copy_taken_while_a_block_is_in_progress_shows_none_of_the_blocks_writes()
    {
        var path = _t.OpenPath();
        var committed = _t.B.State;
        var tx = Tx.Of(_t.Bob,
            new CosmosMsg.WasmExecute(_t.AppB, new MockApp.Exec.Send(path.B.ChannelId, "back", 600), Coins.Empty),
            new CosmosMsg.WasmExecute(_t.AppB, new MockApp.Exec.Increment(1), Coins.Empty));
        var block = BlockExecution.Start(committed, _t.Coord.Now.PlusSeconds(5), [tx], _t.B.Contracts.Codes, _t.B.AppHash);

        // answer until the second message's call: the first one's packet is committed in the live store by then
        while (block.Pending is not ExecutorRequest.Call { Invocation: ContractCall.Execute { Msg: MockApp.Exec.Increment } })
            block.Resume(_t.B.Contracts.Answer(block.Pending!));

        Assert.Single(block.State.Ibc.Commitments);
        Assert.Empty(committed.CommittedCopy().Ibc.Commitments);
        Assert.Empty(committed.CommittedCopy().Ibc.PendingPackets(path.B.PortId, path.B.ChannelId));
        // the block is not the chain's yet: another cannot start on its state
        Assert.Throws<InvalidOperationException>(() =>
            BlockExecution.Start(block.State, _t.Coord.Now.PlusSeconds(10), [], _t.B.Contracts.Codes, _t.B.AppHash));
    }

    /// <summary>
    /// Opens a path, has A's app send a packet and B's client learn of it, and returns B's messages: funds to B's app,
    /// which sends some on in a sub-message caught on error; a packet from B's app; the receive of A's packet.
    /// </summary>
    private (Core.Testing.Path Path, CosmosMsg[] Msgs) Writes()
    {
        var path = _t.OpenPath();
        var packet = _t.Send(path, "hello");
        path.UpdateClient(path.B);
        _t.Coord.CommitBlock(_t.A);
        var carol = Addr.Derive("b", "carol");
        return (path,
        [
            new CosmosMsg.WasmExecute(_t.AppB,
                new MockApp.Exec.Dispatch(new CosmosMsg.BankSend(carol, Coins.Of("ub", 10)), ReplyOn.Error, 1), Coins.Of("ub", 100)),
            new CosmosMsg.WasmExecute(_t.AppB, new MockApp.Exec.Send(path.B.ChannelId, "back", 600), Coins.Empty),
            new CosmosMsg.Relay(_t.Recv(path, packet)),
            new CosmosMsg.Relay(new IbcRelayMsg.UpdateClient(path.B.ClientId, _t.A.Header())),
            new CosmosMsg.Relay(new IbcRelayMsg.ConnectionOpenInit(path.B.ClientId, path.A.ClientId)),
            new CosmosMsg.BankBurn(Coins.Of("ub", 5)),
            new CosmosMsg.StakingDelegate(ChainGenesis.ValidatorAddress("b", "v1"), new Coin("ub", 50)),
            new CosmosMsg.StakingUndelegate(ChainGenesis.ValidatorAddress("b", "v1"), new Coin("ub", 20)),
        ]);
    }

    private sealed record Stores(
        string[] Balances, string[] Ledger, string[] Delegations, string[] Unbondings, string[] Commitments, string[] Receipts,
        string[] Acks, string[] Channels, string[] Validators, string[] Clients, string[] Connections, string[] Chain)
    {
        public ulong Height { get; init; }
        public Timestamp Time { get; init; }
    }

    private static Stores Contents(ChainApp chain) => Contents(chain.State);

    /// <summary>
    /// Everything of the hot stores and the chain's cells (the wasm registry and the validators; the height and the time
    /// apart, as a transaction of the coordinator is a block), rendered, so "before" is a copy whatever the state is made of.
    /// </summary>
    private static Stores Contents(ChainState state)
    {
        var (ibc, bank, wasm) = (state.Ibc, state.Bank, state.Wasm);
        return new Stores(
            [.. bank.Balances.Select(kv => $"{kv.Key.Address}/{kv.Key.Denom}={kv.Value}")],
            [.. bank.Supply.Keys.Select(d => $"{d}: supply {bank.SupplyOf(d)} genesis {Of(bank.Genesis, d)} minted {Of(bank.Minted, d)} "
                                            + $"burned {Of(bank.Burned, d)}")],
            [.. state.Staking.Delegations.Values.Select(d => d.ToString())],
            [.. state.Staking.UnbondingQueue.Select(e => e.ToString())],
            [.. ibc.Commitments.Select(kv => $"{kv.Key}={kv.Value.Sequence}")],
            [.. ibc.Receipts.Select(kv => $"{kv.Key}@{kv.Value}"), .. ibc.ReceiptMarks.Select(kv => $"{kv.Key}<{kv.Value}")],
            [.. ibc.Acks.Select(kv => $"{kv.Key}={Convert.ToHexString(kv.Value)}")],
            [.. ibc.Channels.Values.Select(c => c.ToString())],
            [.. state.Staking.Validators.Values.Select(v => v.ToString()), .. state.Staking.LastValidatorPowers.Select(
                kv => $"{kv.Key}^{kv.Value}")],
            [.. ibc.Clients.Values.Select(c => $"{c.ClientId}@{c.LatestHeight}/{c.LatestTime}/{c.ConsensusStates.Count}/{c.Frozen}"),
                .. ibc.SettledMarks.Select(kv => $"{kv.Key}<{kv.Value}")],
            [.. ibc.Connections.Values.Select(c => c.ToString()),
                $"next {ibc.NextClientSeq}/{ibc.NextConnectionSeq}/{ibc.NextChannelSeq}"],
            [$"next instance {wasm.NextInstanceId}",
                .. wasm.Contracts.Values.Select(c => c.ToString()), .. wasm.PortOwners.Select(kv => $"port {kv.Key}={kv.Value}"),
                .. wasm.HookSubscribers.Select(a => $"hooks {a}")])
        {
            Height = state.Height,
            Time = state.Time,
        };
    }

    private static Amount Of(IReadOnlyDictionary<string, Amount> ledger, string denom) => ledger.GetValueOrDefault(denom, Amount.Zero);
}
