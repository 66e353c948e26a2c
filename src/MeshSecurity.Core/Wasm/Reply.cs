using System.Collections.Immutable;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Wasm;

/// <summary>The result of a sub-message handed to the contract's reply entry point.</summary>
public sealed record Reply(ulong Id, ImmutableArray<Event> Events, object? Data, MeshError? Error)
{
    public bool IsSuccess => Error is null;
}
