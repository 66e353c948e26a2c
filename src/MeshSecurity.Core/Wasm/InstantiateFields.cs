using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Wasm;

/// <summary>The wasm module's <c>instantiate</c> event: the new contract's address and its code id.</summary>
internal sealed class InstantiateFields(Addr contract, string codeId) : EventFields
{
    public const string Type = "instantiate";
    
    public static Event Event(Addr contract, string codeId) => new(Type, new InstantiateFields(contract, codeId));

    public override int Count => 2;

    public override EventAttribute At(int index) => index switch
    {
        0 => new("_contract_address", contract.Value),
        1 => new("code_id", codeId),
        _ => throw Beyond(index, Count),
    };
}
