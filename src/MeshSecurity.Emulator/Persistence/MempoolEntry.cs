using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>A transaction waiting in a chain's mempool, under the key its submitter chose, with the height it arrived at.</summary>
public sealed record MempoolEntry(Timestamp NotBefore, string Submitter, string Key, ulong AtHeight, Tx Tx)
{
    public (Timestamp NotBefore, string Submitter, string Key) Order => (NotBefore, Submitter, Key);

    public TxAccepted Record() => new(NotBefore, Submitter, Key, AtHeight, Tx.Id, Tx.Signer.Value, Tx.Msgs);

    public static MempoolEntry Of(TxAccepted r) =>
        new(r.NotBefore, r.Submitter, r.Key, r.AtHeight, new Tx(new Addr(r.Signer), [.. r.Msgs], r.Id));
}
