using MeshSecurity.Core.Types;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>A block's time and app hash, which the chain keeps to sign evidence of a double-sign at that height.</summary>
public sealed record HeaderRecord(ulong Height, Timestamp Time, string AppHash);
