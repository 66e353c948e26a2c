using System.Text.Json;

namespace MeshSecurity.Core.Relaying;

/// <summary>
/// What kind a packet is, as relayer.censor names it: a mesh packet by its tag (stake, unstake, burn, list-validators from
/// the provider; update-validators, rewards from the consumer), an ICS-20 transfer as transfer; null for anything else.
/// </summary>
public static class PacketKinds
{
    public static readonly IReadOnlyList<string> All =
        ["stake", "unstake", "burn", "list-validators", "update-validators", "rewards", "transfer"];

    public static string? Of(byte[] data)
    {
        try
        {
            using var doc = JsonDocument.Parse(data);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.String) return root.GetString() == "list_validators" ? "list-validators" : null;
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (root.TryGetProperty("denom", out _)) return "transfer";
            using var properties = root.EnumerateObject();
            return properties.MoveNext() ? properties.Current.Name.Replace('_', '-') : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
