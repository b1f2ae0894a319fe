namespace EcgBridge.Host.Delivery.Hl7;

/// <summary>The configured HL7 v2 destinations and one persistent client each.</summary>
public sealed class Hl7Destinations : IAsyncDisposable
{
    private readonly Dictionary<string, Hl7DestinationOptions> _options;
    private readonly Dictionary<string, Hl7DestinationClient> _clients = new(StringComparer.OrdinalIgnoreCase);

    private Hl7Destinations(Dictionary<string, Hl7DestinationOptions> options) => _options = options;

    public IReadOnlyDictionary<string, Hl7DestinationOptions> Options => _options;

    /// <summary>Reads <c>EcgBridge:Hl7Destinations</c>; a bad Url refuses start with HL7-DEST-URL-INVALID.</summary>
    public static Hl7Destinations Read(IConfiguration configuration)
    {
        var all = new Dictionary<string, Hl7DestinationOptions>(StringComparer.OrdinalIgnoreCase);
        foreach (IConfigurationSection section in configuration.GetSection(Hl7DestinationOptions.SectionName).GetChildren())
        {
            var options = new Hl7DestinationOptions();
            section.Bind(options);
            if (!Hl7DestinationClient.IsValidUrl(options.Url))
            {
                throw new ConfigurationRefusedException(Hl7DeliveryCodes.UrlInvalid + " " + Hl7DestinationOptions.SectionName + ":" + section.Key + ":Url");
            }

            all[section.Key] = options;
        }

        return new Hl7Destinations(all);
    }

    internal Hl7DestinationClient? Client(string name)
    {
        lock (_clients)
        {
            if (_clients.TryGetValue(name, out Hl7DestinationClient? client))
            {
                return client;
            }

            if (!_options.TryGetValue(name, out Hl7DestinationOptions? options))
            {
                return null;
            }

            client = new Hl7DestinationClient(options);
            _clients[name] = client;
            return client;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (Hl7DestinationClient client in _clients.Values)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }
}
