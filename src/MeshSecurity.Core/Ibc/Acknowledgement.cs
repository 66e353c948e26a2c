using System.Text;
using System.Text.Json;

namespace MeshSecurity.Core.Ibc;

/// <summary>
/// The standard acknowledgement envelope (ibc-go / cosmwasm StdAck): <c>{"result":"&lt;base64&gt;"}</c> on success,
/// <c>{"error":"..."}</c> on failure. The bytes are what the destination writes and the source receives.
/// </summary>
public sealed record Acknowledgement
{
    private Acknowledgement(byte[]? result, string? error)
    {
        Result = result;
        Error = error;
    }

    public byte[]? Result { get; }
    public string? Error { get; }
    public bool IsSuccess => Error is null;

    public static Acknowledgement Success(byte[] result) => new(result, null);

    public static Acknowledgement Success(object payload) => new(JsonSerializer.SerializeToUtf8Bytes(payload, payload.GetType(), Wire.Options), null);

    public static Acknowledgement Failure(string error) => new(null, error);

    public byte[] ToBytes() => IsSuccess
        ? JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["result"] = Convert.ToBase64String(Result!) })
        : JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["error"] = Error! });

    /// <summary>Decodes an ack envelope; anything that is not one of the two shapes is reported as an error ack.</summary>
    public static Acknowledgement FromBytes(byte[] bytes)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.String)
                return Success(Convert.FromBase64String(r.GetString()!));
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String)
                return Failure(e.GetString()!);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
        }
        return Failure("malformed acknowledgement: " + Encoding.UTF8.GetString(bytes));
    }

    public bool Equals(Acknowledgement? other) =>
        other is not null && Error == other.Error && (Result ?? []).AsSpan().SequenceEqual(other.Result ?? []);

    public override int GetHashCode() => HashCode.Combine(Error, Result?.Length);

    public override string ToString() => IsSuccess ? $"ack(ok {Encoding.UTF8.GetString(Result!)})" : $"ack(error {Error})";
}
