namespace MeshSecurity.Core.Ibc;

/// <summary>Channel ordering (ICS-004). ibc-go implements these two.</summary>
public enum IbcOrder
{
    Unordered,
    Ordered,
}
