using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Ibc.Transfer;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Execution;

public sealed partial class TxExecution
{
    /// <summary>
    /// Routes one message from the frame's sender to its module; failures raise. A module's message ends the frame
    /// with its data; a contract's, or a relayer's that calls one, goes on as the frame that runs it.
    /// </summary>
    private ExecutorRequest? StepDispatch(Frame f)
    {
        var sender = f.Sender;
        switch ((CosmosMsg)f.Subject!)
        {
            case CosmosMsg.BankSend m:
                Addr.Validate(m.ToAddress.Value, _state.Prefix);
                RequireCoins(m.Amount);
                _state.Bank.Send(sender, m.ToAddress, m.Amount);
                Emit(Bank.TransferFields.Event(sender, m.ToAddress, m.Amount));
                break;

            case CosmosMsg.BankBurn m:
                RequireCoins(m.Amount);
                _state.Bank.Burn(sender, m.Amount);
                Emit(Bank.SupplyFields.Burn(sender, m.Amount));
                break;

            case CosmosMsg.StakingDelegate m:
                RequireBondDenom(m.Amount);
                _state = _state.Delegate(sender, m.Validator, m.Amount.Amount, _events);
                break;

            case CosmosMsg.StakingUndelegate m:
                RequireBondDenom(m.Amount);
                (_state, var completion) = _state.Undelegate(sender, m.Validator, m.Amount.Amount, _events);
                f.Data = completion;
                break;

            case CosmosMsg.StakingUnjail:
                _state = _state.Unjail(sender, _events);
                break;

            case CosmosMsg.DistributionWithdrawReward m:
                (_state, var paid) = _state.WithdrawRewards(sender, m.Validator, _events);
                f.Data = paid;
                break;

            case CosmosMsg.WasmExecute m:
                BecomeEntry(f, m.Contract, Execute(sender, m));
                return null;

            case CosmosMsg.WasmInstantiate m:
                return Instantiate(f, sender, m);

            case CosmosMsg.WasmSudo m:
                RequireGov(sender, "sudo");
                BecomeEntry(f, m.Contract, new ContractCall.Sudo(m.Msg));
                return null;

            case CosmosMsg.GovSubscribeHooks m:
                RequireGov(sender, "subscribe to staking hooks");
                if (_state.Wasm.Get(m.Contract) is null) throw new StdError.NotFound($"contract {m.Contract}").Raise();
                _state.WithWasm(_state.Wasm with { HookSubscribers = _state.Wasm.HookSubscribers.Add(m.Contract) });
                break;

            case CosmosMsg.GovMint m:
                RequireGov(sender, "mint");
                Addr.Validate(m.ToAddress.Value, _state.Prefix);
                _state.Bank.Mint(m.ToAddress, m.Amount);
                Emit(Bank.SupplyFields.Mint(m.ToAddress, m.Amount));
                break;

            case CosmosMsg.GovInjectErrorAcks m:
            {
                RequireGov(sender, "inject error acknowledgements");
                _state.Ibc.RequireChannel(m.PortId, m.ChannelId);
                var key = IbcState.ErrorAckKey(new IbcEndpoint(m.PortId, m.ChannelId), m.Kind);
                var injected = m.On ? _state.Ibc.InjectedErrorAcks.Add(key) : _state.Ibc.InjectedErrorAcks.Remove(key);
                SetIbc(_state.Ibc with { InjectedErrorAcks = injected });
                Emit(InjectErrorAcksFields.Event(key, m.On));
                break;
            }

            case CosmosMsg.GovFreezeClient m:
                RequireGov(sender, "freeze a light client");
                SetIbc(_state.Ibc.FreezeClient(m.ClientId));
                Emit(ClientFields.Frozen(m.ClientId));
                break;

            case CosmosMsg.GovRecoverClient m:
                RequireGov(sender, "recover a light client");
                SetIbc(_state.Ibc.RecoverClient(m.ClientId, m.Header));
                Emit(ClientFields.Recovered(m.ClientId, m.Header.Height));
                break;

            case CosmosMsg.SubmitEvidence m:
                HandleEvidence(m.HeaderA, m.HeaderB);
                break;

            case CosmosMsg.IbcSendPacket m:
            {
                var port = OwnedPort(sender);
                (var ibc, var packet) = _state.Ibc.SendPacket(port, m.ChannelId, m.Data, m.Timeout, m.Decoded);
                SetIbc(ibc);
                Emit(IbcEvents.Packet(IbcEvents.SendPacket, packet));
                f.Data = packet.Sequence;
                break;
            }

            case CosmosMsg.IbcTransfer m:
            {
                (_state, var packet) = TransferModule.Send(_state, sender, m.ChannelId, m.Amount, m.ToAddress, m.Timeout);
                Emit(IbcEvents.Packet(IbcEvents.SendPacket, packet));
                f.Data = packet.Sequence;
                break;
            }

            case CosmosMsg.IbcCloseChannel m:
                CloseChannelInit(f, OwnedPort(sender), m.ChannelId);
                return null;

            case CosmosMsg.Relay m:
                if (f.Flag) throw new IbcError.Forbidden("contracts cannot submit relayer messages").Raise();
                Relay(f, m.Msg);
                return null;

            case var msg:
                throw new StdError.Generic($"unknown message {msg.GetType().Name}").Raise();
        }
        Pop(f);
        return null;
    }

    private void RequireBondDenom(Coin coin)
    {
        if (coin.Denom != _state.Config.BondDenom)
            throw new StdError.Generic($"invalid coin denomination: got {coin.Denom}, expected {_state.Config.BondDenom}").Raise();
    }

    /// <summary>Coins.Of drops zero coins, so a send of nothing arrives empty: the SDK's ValidateBasic refuses it.</summary>
    private static void RequireCoins(Coins coins)
    {
        if (coins.IsEmpty) throw new Bank.BankError.InvalidCoins(coins.ToString()).Raise();
    }

    private void RequireGov(Addr sender, string what)
    {
        if (sender != ModuleAccounts.Gov(_state.Prefix))
            throw new StdError.Generic($"only governance may {what}; {sender} is not the gov account").Raise();
    }

    private string OwnedPort(Addr contract) =>
        _state.Wasm.Get(contract)?.IbcPortId ?? throw new IbcError.PortNotOwned("wasm." + contract.Value, contract.Value).Raise();

    /// <summary>
    /// The evidence module: two different headers signed at one height by one of this chain's validators.
    /// The validator is slashed by the double-sign fraction at that height, jailed for ever and tombstoned.
    /// </summary>
    private void HandleEvidence(SignedHeader a, SignedHeader b)
    {
        string Refuse(string why) => throw new StdError.Generic($"invalid double-sign evidence: {why}").Raise();
        if (a.ChainId != _state.ChainId || b.ChainId != _state.ChainId) Refuse($"headers must be of chain {_state.ChainId}");
        if (a.Height != b.Height) Refuse("headers are at different heights");
        if (a.Validator != b.Validator) Refuse("headers are signed by different validators");
        if (a.AppHash == b.AppHash) Refuse("headers are identical");
        if (a.Height > _state.Height) Refuse("headers are from the future");
        var v = _state.Staking.Validator(new Addr(a.Validator)) ?? throw new StakingError.ValidatorNotFound(new Addr(a.Validator)).Raise();
        if (!a.VerifyWith(v.ConsensusPubKey) || !b.VerifyWith(v.ConsensusPubKey)) Refuse("a signature does not verify");
        if (Max(a.Time, b.Time).PlusSeconds(_state.Config.UnbondingPeriodSeconds) < _state.Time) Refuse("evidence is older than the unbonding period");
        (_state, _) = _state.HandleDoubleSign(v.Operator, a.Height, _events);
    }

    private static Timestamp Max(Timestamp a, Timestamp b) => a >= b ? a : b;
}
