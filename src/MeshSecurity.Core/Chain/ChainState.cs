using MeshSecurity.Core.Bank;
using MeshSecurity.Core.Ibc;
using System.Text.Json.Serialization;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.State;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Chain;

/// <summary>
/// The whole state of one chain's modules, owned by its chain (<see cref="ChainApp"/>, the emulator's chain actor) and
/// written in place (docs/decisions/0014-mutable-stores-with-an-undo-log.md): the height, the time, the wasm registry
/// and the module records are cells on the chain's <see cref="Undo"/> log, and the bank, the delegations, the unbonding
/// queue and IBC's packet stores are stores on it, so a savepoint of the log is a savepoint of the whole state and a
/// rollback restores it. The <c>With…</c> methods write and return this same instance. Contract states live with their
/// hosts.
/// <para>
/// Contract: read and written in the chain's turn only; a reader elsewhere, or anything kept across a write (a
/// "before"), takes <see cref="CommittedCopy"/>. There is no value equality: compare copies' content.
/// </para>
/// </summary>
public sealed class ChainState
{
    private readonly UndoCell<ulong> _height;
    private readonly UndoCell<Timestamp> _time;
    private readonly UndoCell<BankState> _bank;
    private readonly UndoCell<StakingState> _staking;
    private readonly UndoCell<IbcState> _ibc;
    private readonly UndoCell<WasmState> _wasm;

    /// <summary>A state in a chain of its own, with a new undo log (genesis, a restored snapshot, a copy).</summary>
    [JsonConstructor]
    public ChainState(ChainConfig config, ulong height, Timestamp time, BankState bank, StakingState staking, IbcState ibc,
        WasmState wasm)
    {
        Config = config;
        (_height, _time, _wasm) = (new(height), new(time), new(wasm));
        (_bank, _staking, _ibc) = (new(bank), new(staking), new(ibc));
        Undo = new UndoLog();
        _height.BindTo(Undo);
        _time.BindTo(Undo);
        _bank.BindTo(Undo);
        _staking.BindTo(Undo);
        _ibc.BindTo(Undo);
        _wasm.BindTo(Undo);
        bank.BindTo(Undo);
        staking.BindTo(Undo);
        ibc.BindTo(Undo);
    }

    public static ChainState Genesis(ChainConfig config) =>
        new(config, 0, config.GenesisTime, BankState.Empty, StakingState.Empty, IbcState.Empty, WasmState.Empty);

    // the JSON of a snapshot lists these in this order (golden files): keep it
    public ChainConfig Config { get; }
    public ulong Height => _height.Value;
    public Timestamp Time => _time.Value;
    public BankState Bank => _bank.Value;
    public StakingState Staking => _staking.Value;
    public IbcState Ibc => _ibc.Value;
    public WasmState Wasm => _wasm.Value;

    /// <summary>The chain's undo log: every cell and store of this state writes through it.</summary>
    [JsonIgnore]
    public UndoLog Undo { get; }

    public string ChainId => Config.ChainId;
    public string Prefix => Config.AddressPrefix;

    /// <summary>The height as the chain last committed it, whatever a block in progress wrote.</summary>
    [JsonIgnore]
    public ulong CommittedHeight => _height.CommittedValue;

    /// <summary>Writes the height and the time of a new block.</summary>
    public ChainState WithBlock(ulong height, Timestamp time)
    {
        _height.Set(height);
        _time.Set(time);
        return this;
    }

    /// <summary>Writes the height (a test moving a chain without a block).</summary>
    public ChainState WithHeight(ulong height)
    {
        _height.Set(height);
        return this;
    }

    /// <summary>Writes the time (a test moving a chain without a block).</summary>
    public ChainState WithTime(Timestamp time)
    {
        _time.Set(time);
        return this;
    }

    /// <summary>Writes the bank record; its stores become this chain's (a record sharing them writes nothing).</summary>
    public ChainState WithBank(BankState bank)
    {
        if (ReferenceEquals(bank, _bank.Value)) return this;
        bank.BindTo(Undo);
        _bank.Set(bank);
        return this;
    }

    /// <summary>Writes the staking record; its stores become this chain's.</summary>
    public ChainState WithStaking(StakingState staking)
    {
        if (ReferenceEquals(staking, _staking.Value)) return this;
        staking.BindTo(Undo);
        _staking.Set(staking);
        return this;
    }

    /// <summary>Writes the IBC record; its stores become this chain's.</summary>
    public ChainState WithIbc(IbcState ibc)
    {
        if (ReferenceEquals(ibc, _ibc.Value)) return this;
        ibc.BindTo(Undo);
        _ibc.Set(ibc);
        return this;
    }

    /// <summary>Writes the wasm registry (an instantiate, a port bind, a hook subscription).</summary>
    public ChainState WithWasm(WasmState wasm)
    {
        if (!ReferenceEquals(wasm, _wasm.Value)) _wasm.Set(wasm);
        return this;
    }

    /// <summary>
    /// A copy of the state as the chain last committed it, in a chain of its own: every cell's committed value, the stores
    /// copied with the writes of the block in progress undone. Nothing written here later shows in it.
    /// </summary>
    public ChainState CommittedCopy() => new(Config, _height.CommittedValue, _time.CommittedValue,
        _bank.CommittedValue.CommittedCopy(), _staking.CommittedValue.CommittedCopy(), _ibc.CommittedValue.CommittedCopy(),
        _wasm.CommittedValue);
}
