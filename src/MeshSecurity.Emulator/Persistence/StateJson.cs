using System.Text.Json;
using System.Text.Json.Serialization;
using MeshSecurity.Core;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// The JSON of a chain's state and its contracts' states in a snapshot: the wire's conventions (strict on read), nulls
/// written, tuple fields included, sorted collections by <see cref="SortedCollectionsConverterFactory"/>.
/// </summary>
internal static class StateJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(Core.Wire.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never, IncludeFields = true };
        o.Converters.Insert(0, new SortedCollectionsConverterFactory());
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }
}
