namespace MeshSecurity.Emulator.Time;

/// <summary>
/// A window's message went unanswered through every re-send (<see cref="ClockSettings.MaxResends"/>): the run cannot go
/// on. The message says which message, to which entity, in which window.
/// </summary>
public sealed class UndeliveredException(string message) : Exception(message);
