namespace MeshSecurity.Core.Contracts.TestLienholder;

/// <summary>Attribute keys and action values of the test lien-holder's "wasm" event.</summary>
public static class TestLienholderEvents
{
    public const string ActionKey = "action";
    public const string OwnerKey = "owner";
    public const string AmountKey = "amount";

    public const string ReceiveClaim = "receive_claim";
    public const string CutStake = "cut_stake";
    public const string Release = "release";
    public const string Slash = "slash";
}
