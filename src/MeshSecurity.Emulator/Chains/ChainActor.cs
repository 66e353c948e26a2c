using MeshSecurity.Core.Relaying;
using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using MeshSecurity.Emulator.Persistence;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Crypto;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Emulator.Time;
using MeshSecurity.Emulator.Events;

namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// One chain: keeps its state, a mempool, its contract actors and its block log; produces a block when the clock
/// ticks it, by driving Core's <see cref="BlockExecution"/> and answering each contract call on its own copy of the
/// instance (inline execution) or through the contract's actor (<see cref="ContractExecution"/>). After a block it
/// tells every observing relayer and waits for their acknowledgements (with the timers they need) before reporting the
/// step done, so nothing the block caused can slip past the clock.
/// The domain rules are all in Core; this actor sequences, delivers and publishes.
/// </summary>
public sealed partial class ChainActor : ReceivePersistentActor
{
    private readonly string _chainId;
    private readonly IActorRef _channels;
    private readonly CodeRegistry _codes;
    private readonly ContractExecution _execution;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    private ChainDefinition _definition = null!;
    private ChainState _state = null!;

    // what queries read (see Query): a committed copy of _state, dropped when a block commits
    private ChainState? _queryCopy, _queryCopyOf;
    private string _appHash = "";
    /// <summary>The validators' signing keys, derived from the definition when first needed (only double-signs use them).</summary>
    private ImmutableSortedDictionary<Addr, ConsensusKey>? _keys;
    private readonly SortedDictionary<Addr, ContractInstance> _mirrors = new();
    private readonly Dictionary<Addr, IActorRef> _contracts = new();
    private readonly SortedDictionary<(Timestamp NotBefore, string Submitter, string Key), MempoolEntry> _mempool =
        new(MempoolOrder.Instance);
    private readonly HashSet<string> _seenTxIds = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, IbcEndpoint?> _observers = new(StringComparer.Ordinal);
    private readonly HeaderLog _headers = new();
    private readonly string _journalPrefix;

    public ChainActor(string chainId, IActorRef channels, CodeRegistry codes, string journalPrefix = "",
        ContractExecution execution = ContractExecution.Inline, ulong snapshotEvery = DefaultSnapshotEvery, bool fromGenesis = false,
        bool journalOnArrival = false)
    {
        _snapshotEvery = snapshotEvery;
        _journalOnArrival = journalOnArrival;
        // a resumed run checks every block it re-produces: the journal from its first record, not from a snapshot
        if (fromGenesis) Recovery = new Recovery(SnapshotSelectionCriteria.None);
        _chainId = chainId;
        _execution = execution;
        _journalPrefix = journalPrefix;
        _channels = channels;
        _codes = codes;
        Recover<SnapshotOffer>(m => OfferedSnapshot((ChainSnapshot)m.Snapshot));
        Recover<ChainStarted>(m => Started(m.Definition));
        // the last list read is the chain's: nothing of the state depends on it, so it is not re-executed in order
        Recover<CrashesApplied>(r => _crashIds = r.Ids);
        Recover<IJournalRecord>(r =>
        {
            _recovered.Add(r);
            _recoveredSequenceNrs.Add(LastSequenceNr);
        });
        Recover<RecoveryCompleted>(_ =>
        {
            if (_recovered.Count > 0) _log.Info("{0}: journal holds {1} records after genesis", _chainId, _recovered.Count);
        });
        Become(Uninitialised);
    }

    private bool _started;

    /// <summary>
    /// A definition read from the journal whose genesis state is not built yet: a chain restored from a snapshot (its own, or
    /// a checkpoint's) never needs it, and building it (the validators' keys) cost a resume a sixth of its time.
    /// </summary>
    private bool _genesisPending;

    private void Started(ChainDefinition definition)
    {
        _definition = definition;
        _started = true;
        _genesisPending = true;
    }

    /// <summary>The genesis state of a definition read from the journal, when the chain goes on from genesis.</summary>
    private void EnsureGenesis()
    {
        if (_genesisPending) Genesis(_definition);
    }

    private void Genesis(ChainDefinition definition)
    {
        _definition = definition;
        (_state, _keys) = ChainGenesis.Build(definition.Config, definition.Accounts, definition.Validators, definition.KeySeed);
        _appHash = BlockExecution.GenesisAppHash(_chainId);
        _headers.Set(new HeaderRecord(0, _state.Time, _appHash));
        _lastInstant = _state.Time;
        _started = true;
        _genesisPending = false;
    }

    /// <summary>"chain-{id}" for a system's first network (what a resumed run finds again); later networks on the same system prefix it.</summary>
    public override Recovery Recovery { get; } = Recovery.Default;

    public override string PersistenceId => _journalPrefix + "chain-" + _chainId;

    /// <summary>Blocks between snapshots by default: a few per hour of a chain with 5-second blocks.</summary>
    public const ulong DefaultSnapshotEvery = 500;

    /// <summary><paramref name="journalOnArrival"/>: a cluster's chain (see ChainActor.Admission).</summary>
    public static Props Props(string chainId, IActorRef channels, CodeRegistry codes, string journalPrefix = "",
        ContractExecution execution = ContractExecution.Inline, ulong snapshotEvery = DefaultSnapshotEvery, bool fromGenesis = false,
        bool journalOnArrival = false) =>
        Akka.Actor.Props.Create(() =>
            new ChainActor(chainId, channels, codes, journalPrefix, execution, snapshotEvery, fromGenesis, journalOnArrival));

    private void Uninitialised()
    {
        Command<ChainCommand.Init>(m =>
        {
            void Started()
            {
                Sender.Tell(new ChainReply.Ready(_chainId, _state.Height, _state.Time, NextBlockTime()));
                Become(Ready);
                Stash.UnstashAll();
            }
            if (_started)
            {
                EnsureGenesis();
                VerifyNextRun(); // the network starts over with a journal behind it: the journal's genesis wins
                Started();
                return;
            }
            Persist(new ChainStarted(m.Definition), e =>
            {
                Genesis(e.Definition);
                Started();
            });
        });
        Command<ChainCommand.GetState>(m =>
        {
            if (_started) RecoverAloneThen(m);
            else Sender.Tell(new ChainReply.NotInitialised(_chainId));
        });
        Command<ChainCheckpoint.Restore>(Restore);
        Command<HandOffChain>(_ => Context.Stop(Self));
        CommandAny(m =>
        {
            if (_started) RecoverAloneThen(m);
            else Stash.Stash();
        });
    }

    /// <summary>
    /// One behaviour for both phases (between blocks, and producing one until the step is done): switching behaviours
    /// per block rebuilt the persistent actor's handlers every time, a sixth of an idle chain's cost. While producing,
    /// what needs the committed state at rest (queries, evidence, crashes, ticks) waits in the stash.
    /// </summary>
    private void Ready()
    {
        SnapshotCommands();
        Command<ChainCommand.SubmitTx>(Submit);
        Command<ChainCommand.SubmitTxs>(SubmitAll);
        Command<SealWindow>(m => WhenIdle(() => Seal(m)));
        Command<ChainCommand.Observe>(Observe);
        // reads of the last committed state never wait for the block: a relayer may need them to answer this very block
        Command<ChainCommand.GetState>(_ => Sender.Tell(new ChainReply.State(_chainId, _state.CommittedCopy(), _appHash)));
        Command<EntryPointResult>(r =>
        {
            if (_producing) OnEntryPointResult(r); // else an answer to a call abandoned after a crash
        });
        Command<ContractRestarting>(OnContractRestarting);
        // outside a window, an acknowledgement is a second copy of one already counted (docs/decisions/0013)
        Command<DigestAck>(ack =>
        {
            if (_producing) OnDigestAck(ack);
        });
        Command<WindowTick>(m =>
        {
            if (_producing && _tick?.Window == m.Window) OnTickAgain();
            else WhenIdle(() => OnTick(m));
        });
        Command<ChainCommand.GetEnd>(m => Sender.Tell(new ChainReply.EndState(_chainId, EndSnapshot.Of(Committed(), m.Port, m.Channel))));
        Command<ChainCommand.Init>(_ => WhenIdle(() => Sender.Tell(Back())));
        Command<ChainCommand.QueryContract>(m => WhenIdle(() => Query(m)));
        Command<ChainCommand.DoubleSign>(m => WhenIdle(() => DoubleSign(m)));
        Command<ChainCommand.SetConsensus>(m => WhenIdle(() => SetConsensus(m)));
        Command<HandOffChain>(_ => WhenIdle(() => Flush(() => DeferAsync(_chainId, _ => WhenSnapshotSaved(() => Context.Stop(Self))))));
        Command<ChainCheckpoint.Capture>(_ => WhenIdle(Capture));
        Command<ChainCheckpoint.Restore>(_ => WhenIdle(RestoredAlready));
        CrashCommands();
        Command<ChainCommand.CrashContractActor>(m => WhenIdle(() =>
        {
            if (_contracts.TryGetValue(m.Contract, out var actor)) actor.Tell(new CrashContract(m.Reason));
        }));
    }

    private bool _halted;

    /// <summary>
    /// Nobody can sign the block due at <paramref name="at"/> (<see cref="StakingModule.HasBondedPower"/>): the chain says
    /// so once and leaves the clock, asking for no further tick. Its state can no longer change, so the halt is for good;
    /// it still answers queries, accepts transactions into its mempool (none is ever included) and gives evidence.
    /// Relayers see no new header, so its clients elsewhere stop being updated and packets to it never time out (its
    /// clock stopped). The state decides it, so a resumed run halts at the same block.
    /// </summary>
    private void Halt(Timestamp at)
    {
        if (_halted) return;
        _halted = true;
        _log.Warning("{0}: no bonded voting power after height {1}: the chain halts at {2}", _chainId, _state.Height, at);
        Emit(new EmulatorEvent.ChainHalted(_chainId, _state.Height, at));
    }

    /// <summary>
    /// A block that cannot be written (its records do not serialize) must not leave the chain half in a block: it
    /// crashes the chain actor, loudly, as an exception in the block would.
    /// </summary>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "{0}: the journal rejected record {1} ({2})", _chainId, sequenceNr, @event.GetType().Name);
        throw new InvalidOperationException($"{_chainId}: the journal rejected block record {sequenceNr}", cause);
    }

    /// <summary>
    /// A record that cannot be read back (damaged, or not a record of this tool's) stops the chain: said once, on the
    /// event stream, with the chain, the record and the last height read, so the run ends at once with that reason
    /// instead of waiting for the chain's answer.
    /// </summary>
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        var height = _journal.Count > 0 ? _journal.Keys.Max() : 0;
        _log.Info("{0}: journal record {1} (after height {2}) cannot be read: {3}", _chainId, LastSequenceNr + 1, height, reason);
        // a message means the record was read and replaying it threw: a chain that fails on its own history, not a bad file
        Emit(new JournalFailed(_chainId, LastSequenceNr + 1, height, Writing: false, OneLine(reason),
            Replaying: message is not null));
    }

    /// <summary>A block that cannot be written stops the chain (Akka's rule); the run hears of it at once.</summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Info("{0}: journal record {1} could not be written: {2}", _chainId, sequenceNr, cause);
        Emit(new JournalFailed(_chainId, sequenceNr, _started ? _state.CommittedHeight : 0, Writing: true,
            OneLine(cause)));
    }

    private static string OneLine(Exception ex)
    {
        var inner = ex.InnerException is { } i && !ex.Message.Contains(i.Message, StringComparison.Ordinal) ? $" ({i.Message})" : "";
        return (ex.Message + inner).ReplaceLineEndings(" ");
    }

    /// <summary>
    /// The committed state, for a read answered while a block may be in progress: the block writes the stores in place
    /// (docs/decisions/0014-mutable-stores-with-an-undo-log.md), so then a copy with its writes undone.
    /// </summary>
    private ChainState Committed() => _block is null ? _state : _state.CommittedCopy();

    private void WhenIdle(Action handle)
    {
        if (_producing) Stash.Stash();
        else handle();
    }

    /// <summary>
    /// A transaction is journaled before its submitter hears it was accepted, so a chain that restarts still holds it. A copy
    /// of a submission still in the mempool (same key, same id) is answered as the first was; the mempool bounds what is kept.
    /// </summary>
    private void Submit(ChainCommand.SubmitTx m)
    {
        var order = (m.NotBefore, m.Submitter, m.Key.Length > 0 ? m.Key : m.Tx.Id);
        var again = m.Tx.Id.Length > 0 && _mempool.TryGetValue(order, out var held) && held.Tx.Id == m.Tx.Id;
        var sender = Sender;
        if (again)
        {
            // a second copy of a submission still waiting for its block (a re-sent ask, docs/decisions/0013): the first
            // answer again, once the first copy's record is written (a deferral runs after the writes before it)
            DeferAsync(new ChainReply.Accepted(_chainId, m.Tx.Id, false), a => sender.Tell(a));
            return;
        }
        var (admitted, record) = Admit(m.Tx, m.NotBefore, m.Submitter, m.Key);
        var accepted = new ChainReply.Accepted(_chainId, m.Tx.Id, !admitted);
        if (record is null) sender.Tell(accepted);
        else PersistAsync(record, _ => sender.Tell(accepted));
    }

    /// <summary>
    /// Takes a transaction into the mempool unless its id was seen; the record to journal, or null when there is none to
    /// write (a duplicate, or a resumed run submitting again what the journal or the snapshot has).
    /// </summary>
    private (bool Admitted, TxAccepted? Record) Admit(Tx tx, Timestamp notBefore, string submitter, string key)
    {
        // a transaction without an id, or a second one under the same key, is never a duplicate: it is keyed by its id too
        if (tx.Id.Length > 0 && !_seenTxIds.Add(tx.Id)) return (false, null);
        // a transaction may arrive while a block is in progress: it came at the committed height, not the block's
        var entry = new MempoolEntry(notBefore, submitter, key.Length > 0 ? key : tx.Id, _state.CommittedHeight, tx);
        _mempool[entry.Order] = entry;
        var written = entry.AtHeight < _coveredHeight || _journaledTxs.Remove(entry.Order);
        return (true, written ? null : entry.Record());
    }

    /// <summary>Not-before, then submitter, then the submitter's key, all ordinal: the order never depends on arrival.</summary>
    private sealed class MempoolOrder : IComparer<(Timestamp NotBefore, string Submitter, string Key)>
    {
        public static readonly MempoolOrder Instance = new();

        public int Compare((Timestamp NotBefore, string Submitter, string Key) x, (Timestamp NotBefore, string Submitter, string Key) y)
        {
            var c = x.NotBefore.CompareTo(y.NotBefore);
            if (c != 0) return c;
            c = string.CompareOrdinal(x.Submitter, y.Submitter);
            return c != 0 ? c : string.CompareOrdinal(x.Key, y.Key);
        }
    }

    /// <summary>
    /// The contract's actor answers, from the state committed by the last block (it holds it in both modes): the chain
    /// only adds that block's context, so queries do not run contract code in the chain's turn.
    /// </summary>
    private void Query(ChainCommand.QueryContract m)
    {
        if (!_contracts.TryGetValue(m.Contract, out var actor))
        {
            Sender.Tell(new ChainReply.QueryResult(_chainId, null, new StdError.NotFound($"contract {m.Contract}").ToString()));
            return;
        }
        // the contract actor answers on its own thread, maybe while the next block writes: it reads a copy, one per block
        if (!ReferenceEquals(_queryCopyOf, _state) || _queryCopy is null) (_queryCopy, _queryCopyOf) = (_state.CommittedCopy(), _state);
        var ctx = new ContractContext(new Env(_chainId, _state.Height, _state.Time, m.Contract), new ChainQuerier(_queryCopy));
        actor.Forward(new AnswerQuery(_chainId, m.Msg, ctx));
    }

    private void DoubleSign(ChainCommand.DoubleSign m)
    {
        var height = m.Height ?? _state.Height;
        _keys ??= ChainGenesis.Build(_definition.Config, _definition.Accounts, _definition.Validators, _definition.KeySeed).Keys;
        if (!_keys.TryGetValue(m.Validator, out var key) || !_headers.TryGet(height, out var header))
        {
            Sender.Tell(new Status.Failure(new ArgumentException($"{_chainId}: no key for {m.Validator} or no block at height {height}")));
            return;
        }
        var (a, b) = Core.Apis.SignedHeader.DoubleSign(_chainId, height, header.Time, header.AppHash, m.Validator.Value, key);
        Sender.Tell(new ChainReply.Evidence(_chainId, a, b));
    }

    /// <summary>
    /// The next block's instant: one block time after the last block's instant, moved by up to ± jitter × block time, drawn from the
    /// chain id and the height (so it is the same in every run); after skipped slots, the slot it resumes at.
    /// </summary>
    private Timestamp NextBlockTime()
    {
        if (_resumeAt is { } resume) return resume;
        var blockNanos = BlockNanos;
        if (_definition.BlockTimeJitter <= 0) return _lastInstant.PlusNanos(blockNanos);
        var u = BlockDraw(_state.Height + 1);
        var offset = (long)((u * 2 - 1) * _definition.BlockTimeJitter * blockNanos);
        return new Timestamp((ulong)System.Math.Max(1, (long)blockNanos + offset) + _lastInstant.Nanos);
    }

    private (string Seed, ulong Height, double Draw) _blockDraw;

    /// <summary>
    /// The jitter's draw for a height, kept for the last height asked: a block asks for its successor's time three times
    /// (to run, to tell its observers, to tell the clock), and each draw is a hash.
    /// </summary>
    private double BlockDraw(ulong height)
    {
        var seed = _definition.KeySeed;
        if (_blockDraw.Height != height || !ReferenceEquals(_blockDraw.Seed, seed))
            _blockDraw = (seed, height, DeterministicRandom.Unit(seed, _chainId, "block", height));
        return _blockDraw.Draw;
    }
}
