namespace Monime.Portal.Resources;

/// <summary>The answer to a delete: which object is gone.</summary>
public sealed record ResourceDeletion(string Id, bool Deleted);
