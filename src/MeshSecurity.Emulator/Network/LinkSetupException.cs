namespace MeshSecurity.Emulator.Network;

/// <summary>
/// A link's set-up did not finish within the emulated time it is given: its channels did not open, or the consumer's
/// validator set never reached the provider (typically a packet lifetime too short for the chains' block times and the
/// relayer's latency, so the handshake's or the validator set's packets time out).
/// </summary>
public sealed class LinkSetupException(string message) : Exception(message);
