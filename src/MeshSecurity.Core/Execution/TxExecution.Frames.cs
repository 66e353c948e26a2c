using System.Collections.Immutable;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Execution;

public sealed partial class TxExecution
{
    private enum FrameKind : byte
    {
        Tx,               // the transaction: its messages in turn, each guarded
        Dispatch,         // one message routed to its module
        Entry,            // a contract call, then its messages (and replies) in order
        SubMsg,           // a sub-message with a reply: its own scope when it catches, then the reply
        Instantiate,      // a new instance: created, funded, instantiated
        Channel,          // a channel handshake or close: the bound module's callback, then the channel's event
        Recv,             // a packet received: the application's callback in its own scope, then the acknowledgement
        TransferReceive,  // the transfer module's receive, as a frame so that its failure is caught like a contract's
        TransferCallback, // a transfer's sender told how it ended, in its own scope
        Drop,             // ends with no data once its child ends (a callback whose data is not the message's)
    }

    /// <summary>
    /// One level of the machine: what it runs, the point it has reached (<see cref="Pc"/>) and its result. A small
    /// object reused by the frames pushed after it (and by the block's next transaction); its fields mean what its
    /// <see cref="Kind"/> says (see the Step methods).
    /// </summary>
    private sealed class Frame
    {
        public FrameKind Kind;
        public int Pc;

        // a failure in this frame or above it ends this frame and is caught for its parent (TakeCaught)
        public bool Guarded;
        public bool Flag;
        public int Index;
        public Addr Sender;
        public Addr? Contract;
        public object? Subject;
        public object? Extra;
        public MeshError? Error;

        // the frame's result (a message's data): its parent reads it as _childData once it ends
        public object? Data;

        public void Become(FrameKind kind, int pc = 0)
        {
            Kind = kind;
            Pc = pc;
        }
    }

    private readonly List<Frame> _frames;

    // the frames in use are _frames[0.._depth)
    private int _depth;

    // what the frame that ended last left for its parent: its data, and a contract call's response
    private object? _childData;
    private Response? _childResponse;

    private Frame Push(FrameKind kind, bool guarded)
    {
        if (_depth == _frames.Count) _frames.Add(new Frame());
        var f = _frames[_depth++];
        f.Kind = kind;
        f.Pc = 0;
        f.Guarded = guarded;
        f.Flag = false;
        f.Index = 0;
        f.Sender = default;
        f.Contract = null;
        f.Subject = null;
        f.Extra = null;
        f.Error = null;
        f.Data = null;
        return f;
    }

    private void Pop(Frame f)
    {
        _childData = f.Data;
        if (f.Kind == FrameKind.Entry) _childResponse = (Response?)f.Extra;
        f.Subject = f.Extra = f.Data = null;
        _depth--;
    }

    private void PushEntry(Addr contract, ContractCall call, bool guarded = false)
    {
        var f = Push(FrameKind.Entry, guarded);
        f.Contract = contract;
        f.Subject = call;
    }

    private void PushDispatch(Addr sender, CosmosMsg msg, bool fromContract, bool guarded)
    {
        var f = Push(FrameKind.Dispatch, guarded);
        f.Sender = sender;
        f.Subject = msg;
        f.Flag = fromContract;
    }

    /// <summary>The frame goes on as a contract call (a tail call: the call's data is the frame's).</summary>
    private static void BecomeEntry(Frame f, Addr contract, ContractCall call)
    {
        f.Become(FrameKind.Entry);
        f.Contract = contract;
        f.Subject = call;
        f.Data = null;
    }

    /// <summary>
    /// Steps the top frame until one asks the driver something (<see cref="Pending"/>) or the transaction's frame
    /// ends. A failure ends the frames from the top down to the nearest guarded one, whose parent takes it
    /// (<see cref="TakeCaught"/>); with none guarded it leaves the executor, as an iterator's did.
    /// </summary>
    private void Advance()
    {
        while (_depth > 0)
        {
            ExecutorRequest? request;
            try
            {
                request = Step(_frames[_depth - 1]);
            }
            catch (MeshException ex) when (GuardedFrame() >= 0)
            {
                Unwind(ex.Error);
                continue;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException && GuardedFrame() >= 0)
            {
                Unwind(new StdError.Panic($"{ex.GetType().Name}: {ex.Message}"));
                continue;
            }
            if (request is not null)
            {
                Pending = request;
                return;
            }
        }
        Pending = null;
    }

    private int GuardedFrame()
    {
        for (var i = _depth - 1; i >= 0; i--)
            if (_frames[i].Guarded) return i;
        return -1;
    }

    private void Unwind(MeshError error)
    {
        var guarded = GuardedFrame();
        while (_depth > guarded) Pop(_frames[_depth - 1]);
        _childData = null;
        _childResponse = null;
        _caught = error;
    }

    private ExecutorRequest? Step(Frame f) => f.Kind switch
    {
        FrameKind.Tx => StepTx(f),
        FrameKind.Dispatch => StepDispatch(f),
        FrameKind.Entry => StepEntry(f),
        FrameKind.SubMsg => StepSubMsg(f),
        FrameKind.Instantiate => StepInstantiate(f),
        FrameKind.Channel => StepChannel(f),
        FrameKind.Recv => StepRecv(f),
        FrameKind.TransferReceive => StepTransferReceive(f),
        FrameKind.TransferCallback => StepTransferCallback(f),
        FrameKind.Drop => StepDrop(f),
        _ => throw new InvalidOperationException($"unknown frame {f.Kind}"),
    };

    /// <summary>The transaction: one scope, its messages in turn (each guarded), then the scope's end.</summary>
    private ExecutorRequest? StepTx(Frame f)
    {
        switch (f.Pc)
        {
            case 0:
                OpenScope();
                // one array, the result's own (a builder allocated itself, eight slots and a copy per transaction)
                f.Subject = new object?[_tx.Msgs.Length];
                f.Pc = 1;
                goto case 1;
            case 1:
                if (f.Index < _tx.Msgs.Length)
                {
                    f.Pc = 2;
                    PushDispatch(_tx.Signer, _tx.Msgs[f.Index], fromContract: false, guarded: true);
                    return null;
                }
                var data = System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray((object?[])f.Subject!);
                f.Extra = new TxResult(_tx.Id, null, -1, _events.ToImmutableArray(), data);
                f.Pc = 3;
                return CloseScope(commit: true);
            case 2:
                if (TakeCaught() is { } e)
                {
                    f.Extra = new TxResult(_tx.Id, e, f.Index, [], []);
                    f.Pc = 3;
                    return CloseScope(commit: false);
                }
                ((object?[])f.Subject!)[f.Index++] = _childData;
                f.Pc = 1;
                return null;
            default:
                Result = (TxResult)f.Extra!;
                Pop(f);
                return null;
        }
    }

    private ExecutorRequest? StepDrop(Frame f)
    {
        f.Data = null;
        Pop(f);
        return null;
    }
}
