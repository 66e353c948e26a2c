namespace MeshSecurity.Core.Types;

/// <summary>
/// What an <see cref="AttributeValue"/> holds. The number is the kind's tag in the app hash (BlockExecution.NextAppHash):
/// never renumber a kind.
/// </summary>
public enum AttributeKind : byte
{
    Text = 1,
    Amount = 2,
    Unsigned = 3,
    Signed = 4,
    Bool = 5,
    Dec = 6,
    Coin = 7,
    Coins = 8,
    /// <summary>Bytes, rendered as lowercase hex (a packet's data, an acknowledgement).</summary>
    Bytes = 9,
}
