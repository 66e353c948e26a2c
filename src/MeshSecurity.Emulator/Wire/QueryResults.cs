using System.Text.Json;
using MeshSecurity.Emulator.Chains;

namespace MeshSecurity.Emulator.Wire;

/// <summary>
/// Reads a contract query's result typed: as the contract returned it when the answer came from this process, or from
/// the JSON it crossed nodes as (<see cref="QueryResultConverter"/>).
/// </summary>
public static class QueryResults
{
    public static T Read<T>(ChainReply.QueryResult answer) => answer.Result switch
    {
        T typed => typed,
        JsonElement json => json.Deserialize<T>(Core.Wire.Options) ?? throw new JsonException($"a query on {answer.ChainId} answered null"),
        var other => throw new InvalidCastException($"a query on {answer.ChainId} answered {other?.GetType().Name ?? "null"}, " +
                                                    $"not {typeof(T).Name}"),
    };
}
