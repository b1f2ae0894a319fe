namespace EcgBridge.Inference.Tests;

/// <summary>Tests on the real network run one at a time: each session already uses both cores.</summary>
[CollectionDefinition(Name)]
public sealed class ShippedModelGroup : ICollectionFixture<ShippedModelFixture>
{
    public const string Name = "Shipped model";
}
