namespace MeshSecurity.Core.Wasm;

/// <summary>The contract codes a chain can instantiate, by code id (the emulator's "stored code").</summary>
public sealed class CodeRegistry
{
    private readonly SortedDictionary<string, IContractCode> _codes = new(StringComparer.Ordinal);

    public CodeRegistry(IEnumerable<IContractCode> codes)
    {
        foreach (var c in codes) _codes[c.CodeId] = c;
    }

    public bool Contains(string codeId) => _codes.ContainsKey(codeId);

    public IContractCode Get(string codeId) =>
        _codes.TryGetValue(codeId, out var c) ? c : throw new Errors.StdError.NotFound($"code {codeId}").Raise();

    public IEnumerable<string> CodeIds => _codes.Keys;
}
