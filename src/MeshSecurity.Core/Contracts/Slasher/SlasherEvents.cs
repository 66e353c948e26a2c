namespace MeshSecurity.Core.Contracts.Slasher;

/// <summary>Attribute keys and values of mesh-slasher's "wasm" event.</summary>
public static class SlasherEvents
{
    public const string ActionKey = "action";
    public const string OwnerKey = "owner";
    public const string SlasheeKey = "slashee";
    public const string ValidatorKey = "validator";
    public const string HeightKey = "height";
    public const string FractionKey = "fraction";
    public const string SubmitterKey = "submitter";

    public const string Instantiate = "instantiate";
    public const string SubmitEvidence = "submit_evidence";
    public const string Slash = "slash";
    public const string ForceUnbondKey = "force_unbond";
}
