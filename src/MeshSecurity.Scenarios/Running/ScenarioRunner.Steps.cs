using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Scenarios.Model;
using Microsoft.Extensions.Logging;

namespace MeshSecurity.Scenarios.Running;

public sealed partial class ScenarioRunner
{
    /// <summary>
    /// Turns a step into transactions and queues them on their chains (ids "step/&lt;index&gt;/&lt;n&gt;", so a resumed run
    /// submits the same ones); their results are read from the network's log when the report is built.
    /// </summary>
    private async Task RunStep(int index, ScenarioStep step)
    {
        await SettleReopens();
        var txs = new List<(string Chain, Tx Tx)>();
        void Add(string chain, Addr signer, params CosmosMsg[] msgs) =>
            txs.Add((chain, new Tx(signer, [.. msgs], $"{RunTally.StepTxPrefix}{index}/{txs.Count}")));
        CosmosMsg Exec(Addr contract, object msg, Coins? funds = null) => new CosmosMsg.WasmExecute(contract, msg, funds ?? Coins.Empty);

        switch (step)
        {
            case ScenarioStep.Bond s:
                Add(s.Chain, Account(s.Chain, s.Account), Exec(Lockup(s.Chain), new LockupMsg.Execute.Bond(), Coins.Of(_scenario.Chain(s.Chain).Denom, s.Amount)));
                break;
            case ScenarioStep.Unbond s:
                Add(s.Chain, Account(s.Chain, s.Account), Exec(Lockup(s.Chain), new LockupMsg.Execute.Unbond(s.Amount)));
                break;
            case ScenarioStep.CrossStake s:
                Add(s.Provider, Account(s.Provider, s.Account),
                    Exec(Lockup(s.Provider), new LockupMsg.Execute.GrantClaim(Link(s.Provider, s.Consumer).Provider.Value, s.Amount, Validator(s.Consumer, s.Validator))));
                break;
            case ScenarioStep.Unstake s:
                Add(s.Provider, Account(s.Provider, s.Account), Exec(Link(s.Provider, s.Consumer).Provider, new ProviderMsg.Execute.Unstake(s.Amount, Validator(s.Consumer, s.Validator))));
                break;
            case ScenarioStep.UnbondClaims s:
                Add(s.Provider, Account(s.Provider, s.Account), Exec(Link(s.Provider, s.Consumer).Provider, new ProviderMsg.Execute.Unbond()));
                break;
            case ScenarioStep.WithdrawRewards s:
            {
                var keeper = ScenarioAddresses.Keeper(_scenario.Chain(s.ConsumerChain));
                var links = _links.Values.Where(l => l.ConsumerChain == s.ConsumerChain && (s.Provider is null || l.ProviderChain == s.Provider)).ToList();
                if (links.Count == 0) break;
                var validator = Validator(s.ConsumerChain, s.Validator);
                Add(s.ConsumerChain, keeper, Exec(links[0].MetaStaking, new MetaStakingMsg.Execute.WithdrawDelegatorReward(validator)));
                foreach (var l in links) Add(s.ConsumerChain, keeper, Exec(l.MetaStaking, new MetaStakingMsg.Execute.WithdrawToCustomer(l.Consumer.Value, validator)));
                break;
            }
            case ScenarioStep.ClaimRewards s:
                Add(s.Provider, Account(s.Provider, s.Account), Exec(Link(s.Provider, s.Consumer).Provider, new ProviderMsg.Execute.ClaimRewards(Validator(s.Consumer, s.Validator))));
                break;
            case ScenarioStep.LocalStake s:
                Add(s.Chain, Account(s.Chain, s.Account), Exec(Lockup(s.Chain), new LockupMsg.Execute.StakeLocal(Validator(s.Chain, s.Validator), s.Amount)));
                break;
            case ScenarioStep.DoubleSign s:
                await DoubleSign(s.Chain, s.Validator, s.SubmitTo, (chain, signer, msg) => Add(chain, signer, msg));
                break;
            case ScenarioStep.CrashChain s:
                await _net.CrashChainAsync(s.Chain);
                break;
            case ScenarioStep.RelayerStop s:
                await StopRelayerByStep(s.Provider, s.Consumer, stop: true);
                break;
            case ScenarioStep.RelayerStart s:
                await StopRelayerByStep(s.Provider, s.Consumer, stop: false);
                break;
            case ScenarioStep.Chaos s:
                await StartChaos(index, s, (chain, signer, msg) => Add(chain, signer, msg));
                break;
            case ScenarioStep.Send s:
                Add(s.Chain, Account(s.Chain, s.From), new CosmosMsg.BankSend(Account(s.Chain, s.To), Coins.Of(s.Amount)));
                break;
            case ScenarioStep.Slash s:
            {
                var (owner, slash) = SlashMessage(s);
                Add(s.Provider, owner, slash);
                break;
            }
            case ScenarioStep.Mint s:
            {
                var (gov, mint) = MintMessage(s);
                Add(s.Chain, gov, mint);
                break;
            }
            case ScenarioStep.InjectPacket s:
            {
                var (injector, relay) = await InjectMessage(s, index);
                Add(s.Destination, injector, relay);
                break;
            }
            case ScenarioStep.CloseChannel s:
            {
                var (chain, owner, close) = CloseMessage(s);
                Add(chain, owner, close);
                break;
            }
            case ScenarioStep.ReopenChannel s:
                await Reopen(index, s);
                break;
            case ScenarioStep.SetCap s:
            {
                var link = Link(s.Provider, s.Consumer);
                Add(s.Consumer, Core.Chain.ModuleAccounts.Gov(_scenario.Chain(s.Consumer).Prefix),
                    new CosmosMsg.WasmSudo(link.MetaStaking, new MetaStakingMsg.Sudo.SetCap(link.Consumer.Value, s.Cap)));
                break;
            }
            case ScenarioStep.Delegate s:
                Add(s.Chain, Account(s.Chain, s.Account),
                    new CosmosMsg.StakingDelegate(new Addr(Validator(s.Chain, s.Validator)), BondCoin(s.Chain, s.Amount)));
                break;
            case ScenarioStep.Undelegate s:
                Add(s.Chain, Account(s.Chain, s.Account),
                    new CosmosMsg.StakingUndelegate(new Addr(Validator(s.Chain, s.Validator)), BondCoin(s.Chain, s.Amount)));
                break;
            case ScenarioStep.Unjail s:
                Add(s.Chain, new Addr(Validator(s.Chain, s.Validator)), new CosmosMsg.StakingUnjail());
                break;
            case ScenarioStep.Advance:
                break;
            case ScenarioStep.Execute or ScenarioStep.Sudo:
                var (on, signer, msg) = ContractStep(step);
                Add(on, signer, msg);
                break;
            default:
                throw new InvalidOperationException($"unknown step {step.Action}");
        }

        _stepTxs[index] = [.. txs.Select(t => (t.Chain, t.Tx.Id))];
        foreach (var (chain, tx) in txs)
        {
            _log.LogDebug("step {Index} ({Action}): {TxId} on {Chain}", index, step.Action, tx.Id, chain);
            await _net.SubmitAsync(chain, tx);
        }
    }

    /// <summary>The validator signs two blocks at one height; the evidence goes to the chain and its providers' slashers.</summary>
    private async Task DoubleSign(string chainId, string validator, EvidenceTargets to, Action<string, Addr, CosmosMsg> add)
    {
        var chain = _scenario.Chain(chainId);
        var (a, b) = await _net.DoubleSignAsync(chainId, ScenarioAddresses.Validator(chain, validator));
        if (to.HasFlag(EvidenceTargets.Slashers))
            foreach (var l in _links.Values.Where(l => l.ConsumerChain == chainId).OrderBy(l => l.ProviderChain, StringComparer.Ordinal))
                add(l.ProviderChain, ScenarioAddresses.Watcher(_scenario.Chain(l.ProviderChain)),
                    new CosmosMsg.WasmExecute(l.Slasher, new SlasherMsg.Execute.SubmitEvidence(new SlasherMsg.DoubleSignEvidence(a, b)),
                        Coins.Empty));
        if (to.HasFlag(EvidenceTargets.Chain)) add(chainId, ScenarioAddresses.Watcher(chain), new CosmosMsg.SubmitEvidence(a, b));
    }

    private Addr Account(string chain, string name) => ScenarioAddresses.Account(_scenario.Chain(chain), name);

    /// <summary>An amount of the chain's bond denom.</summary>
    private Coin BondCoin(string chain, Core.Math.Amount amount) => new(_scenario.Chain(chain).Denom, amount);

    private string Validator(string chain, string name) => ScenarioAddresses.Validator(_scenario.Chain(chain), name).Value;

    /// <summary>The lockup of a chain: its links' (every link from it shares one), or its fixture's.</summary>
    private Addr Lockup(string chain) =>
        _links.Values.FirstOrDefault(l => l.ProviderChain == chain)?.Lockup
        ?? (_fixtureLockups.TryGetValue(chain, out var lockup) ? lockup
            : throw new InvalidOperationException($"{chain} provides to no consumer and has no lockup fixture, so it has no lockup"));
}
