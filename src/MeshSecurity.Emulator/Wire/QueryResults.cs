using MeshSecurity.Emulator.Chains;

namespace MeshSecurity.Emulator.Wire;

/// <summary>
/// Reads a contract query's result typed: as the contract returned it when the answer came from this process, or from
/// the JSON it crossed nodes as (<see cref="QueryResultConverter"/>).
/// </summary>
public static class QueryResults
{
    public static T Read<T>(ChainReply.QueryResult answer) => Core.Wire.As<T>(answer.Result);
}
