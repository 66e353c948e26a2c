using System.Collections.Immutable;
using MeshSecurity.Core.Errors;

namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// The error a step or a query is expected to fail with: its kind (and codespace when given), optionally a substring of
/// its message and the values of some of its fields (compared as text: amounts as digits).
/// </summary>
public sealed record ErrorExpectation(string Kind, string? Codespace, string? MessageContains, ImmutableArray<ErrorField> Fields)
{
    /// <summary>"lockup:ClaimsLocked (free = 300, message contains "only")", as the report shows it.</summary>
    public override string ToString()
    {
        var parts = Fields.Select(f => $"{f.Key} = {f.Value}").ToList();
        if (MessageContains is not null) parts.Add($"message contains \"{MessageContains}\"");
        return $"error {(Codespace is null ? "" : Codespace + ":")}{Kind}" + (parts.Count == 0 ? "" : $" ({string.Join(", ", parts)})");
    }

    /// <summary>Whether <paramref name="error"/> is the error expected.</summary>
    public bool Matches(MeshError error) =>
        Matches(error.Codespace, error.Kind, error.Message) && Fields.All(f => ErrorKinds.FieldValue(error, f.Key) == f.Value);

    /// <summary>Whether an error known only by its text ("codespace:Kind: message", as queries answer) is the one expected.</summary>
    public bool Matches(string errorText)
    {
        var colon = errorText.IndexOf(':', StringComparison.Ordinal);
        var second = colon < 0 ? -1 : errorText.IndexOf(": ", colon + 1, StringComparison.Ordinal);
        if (colon < 0 || second < 0) return false;
        return Fields.IsEmpty && Matches(errorText[..colon], errorText[(colon + 1)..second], errorText[(second + 2)..]);
    }

    private bool Matches(string codespace, string kind, string message) =>
        kind == Kind && (Codespace is null || Codespace == codespace) &&
        (MessageContains is null || message.Contains(MessageContains, StringComparison.Ordinal));
}
