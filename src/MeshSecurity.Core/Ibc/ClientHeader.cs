using System.Collections.Immutable;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Ibc;

/// <summary>
/// A chain's header as a light client consumes it: chain id, height, time and the validator set that signs it
/// (operator address to consensus public key).
/// </summary>
public sealed record ClientHeader(string ChainId, ulong Height, Timestamp Time, ImmutableSortedDictionary<string, byte[]> ValidatorKeys);
