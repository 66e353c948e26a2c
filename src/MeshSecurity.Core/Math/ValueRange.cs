namespace MeshSecurity.Core.Math;

/// <summary>
/// Production's ValueRange (docs/contracts.md, "Collateral"): a value while transactions are in flight, as the bounds
/// [low, high]: low if every pending one rolls back, high if every one commits. An add in flight raises high only; its
/// commit raises low, its rollback lowers high. Commit and rollback saturate (never past the other bound), so a slash
/// that lowered the range meanwhile cannot make them fail: an ack must always be processable.
/// </summary>
public readonly record struct ValueRange(Amount Low, Amount High)
{
    public static readonly ValueRange Zero = new(Amount.Zero, Amount.Zero);

    /// <summary>A settled value: low = high.</summary>
    public static ValueRange Of(Amount value) => new(value, value);

    /// <summary>high − low: what transactions in flight may still add.</summary>
    public Amount Pending => High - Low;

    public ValueRange PrepareAdd(Amount x) => this with { High = High + x };

    public ValueRange CommitAdd(Amount x) => this with { Low = Amount.Min(Low + x, High) };

    public ValueRange RollbackAdd(Amount x) => this with { High = Amount.Max(High.SaturatingSub(x), Low) };

    /// <summary>Adds a settled amount to both bounds.</summary>
    public ValueRange Add(Amount x) => new(Low + x, High + x);

    /// <summary>Takes an amount off both bounds, saturating at zero (a slash takes high as its base).</summary>
    public ValueRange Sub(Amount x) => new(Low.SaturatingSub(x), High.SaturatingSub(x));

    /// <summary>Both bounds capped at <paramref name="max"/>.</summary>
    public ValueRange Clip(Amount max) => new(Amount.Min(Low, max), Amount.Min(High, max));

    /// <summary>Component-wise maximum (production's max_range).</summary>
    public static ValueRange Max(ValueRange a, ValueRange b) => new(Amount.Max(a.Low, b.Low), Amount.Max(a.High, b.High));

    public override string ToString() => Low == High ? Low.ToString() : $"[{Low}, {High}]";
}
