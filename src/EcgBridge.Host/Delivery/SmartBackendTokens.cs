using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EcgBridge.Host.Delivery;

/// <summary>
/// Access tokens for EHR delivery. SMART Backend Services: a client assertion (iss = sub = client id, aud = token URL,
/// a fresh jti, 5 minutes) signed with the configured key, exchanged at the token endpoint for an access token, which is
/// cached until 30 s before it expires and dropped when the EHR answers 401. Errors are codes, never key material.
/// </summary>
public sealed class SmartBackendTokens : IDisposable
{
    private readonly EhrOptions _ehr;
    private readonly EhrAuthOptions _options;
    private readonly IHttpClientFactory _clients;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lazy<SigningCredentials> _credentials;
    private string? _token;
    private DateTimeOffset _expires;

    public SmartBackendTokens(IOptions<EhrOptions> ehr, IHttpClientFactory clients)
    {
        ArgumentNullException.ThrowIfNull(ehr);
        _ehr = ehr.Value;
        _options = ehr.Value.Auth;
        _clients = clients;
        _credentials = new Lazy<SigningCredentials>(LoadCredentials);
    }

    /// <summary>The Authorization header value for the next request, or null for mode <c>none</c>; throws <see cref="EhrAuthException"/> when no token can be had.</summary>
    public async Task<AuthenticationHeaderValue?> HeaderAsync(CancellationToken cancellationToken)
    {
        switch (_options.Mode.Trim().ToLowerInvariant())
        {
            case "none" or "":
                return null;
            case "bearer":
                return string.IsNullOrEmpty(_options.Token) ? throw new EhrAuthException(EhrAuthCodes.ConfigurationInvalid) : new AuthenticationHeaderValue("Bearer", _options.Token);
            case "smart-backend":
                return new AuthenticationHeaderValue("Bearer", await AccessTokenAsync(cancellationToken).ConfigureAwait(false));
            default:
                throw new EhrAuthException(EhrAuthCodes.ConfigurationInvalid);
        }
    }

    /// <summary>Forgets the cached token (the EHR answered 401).</summary>
    public void Invalidate()
    {
        _token = null;
        _expires = DateTimeOffset.MinValue;
    }

    public void Dispose() => _gate.Dispose();

    private async Task<string> AccessTokenAsync(CancellationToken cancellationToken)
    {
        if (_token is not null && DateTimeOffset.UtcNow < _expires)
        {
            return _token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is not null && DateTimeOffset.UtcNow < _expires)
            {
                return _token;
            }

            HttpClient http = _clients.CreateClient(EhrClient.HttpClientName);
            string tokenUrl = _options.TokenUrl is { Length: > 0 } configured ? configured : await DiscoverAsync(http, cancellationToken).ConfigureAwait(false);
            DateTime now = DateTime.UtcNow;
            string assertion = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = _options.ClientId,
                Audience = tokenUrl,
                Claims = new Dictionary<string, object> { ["sub"] = _options.ClientId!, ["jti"] = Guid.NewGuid().ToString("N") },
                IssuedAt = now,
                NotBefore = now,
                Expires = now.AddMinutes(5),
                SigningCredentials = _credentials.Value,
            });
            using var form = new FormUrlEncodedContent(
            [
                new KeyValuePair<string, string>("grant_type", "client_credentials"),
                new KeyValuePair<string, string>("scope", _options.Scope),
                new KeyValuePair<string, string>("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                new KeyValuePair<string, string>("client_assertion", assertion),
            ]);
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsync(new Uri(tokenUrl), form, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                throw new EhrAuthException(EhrAuthCodes.TokenEndpointUnavailable);
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw new EhrAuthException((int)response.StatusCode >= 500 ? EhrAuthCodes.TokenEndpointUnavailable : EhrAuthCodes.TokenRefused);
                }

                using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
                if (!body.RootElement.TryGetProperty("access_token", out JsonElement token) || token.GetString() is not { Length: > 0 } accessToken)
                {
                    throw new EhrAuthException(EhrAuthCodes.TokenRefused);
                }

                int lifetime = body.RootElement.TryGetProperty("expires_in", out JsonElement expires) && expires.TryGetInt32(out int seconds) ? seconds : 300;
                _token = accessToken;
                _expires = DateTimeOffset.UtcNow.AddSeconds(Math.Max(0, lifetime - 30));
                return accessToken;
            }
        }
        catch (JsonException)
        {
            throw new EhrAuthException(EhrAuthCodes.TokenRefused);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> DiscoverAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var url = new Uri(new Uri(_ehr.BaseUrl!.TrimEnd('/') + "/"), ".well-known/smart-configuration");
        try
        {
            using HttpResponseMessage response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
                if (body.RootElement.TryGetProperty("token_endpoint", out JsonElement endpoint) && endpoint.GetString() is { Length: > 0 } found)
                {
                    return found;
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException)
        {
            throw new EhrAuthException(EhrAuthCodes.TokenEndpointUnavailable);
        }

        throw new EhrAuthException(EhrAuthCodes.DiscoveryFailed);
    }

    private SigningCredentials LoadCredentials()
    {
        if (string.IsNullOrWhiteSpace(_options.ClientId) || string.IsNullOrWhiteSpace(_options.PrivateKeyPath) || !File.Exists(_options.PrivateKeyPath))
        {
            throw new EhrAuthException(EhrAuthCodes.ConfigurationInvalid);
        }

        string pem = File.ReadAllText(_options.PrivateKeyPath);
        if (TryEc(pem, out ECDsa? ec))
        {
            return new SigningCredentials(new ECDsaSecurityKey(ec) { KeyId = _options.KeyId }, SecurityAlgorithms.EcdsaSha384);
        }

        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = _options.KeyId }, SecurityAlgorithms.RsaSha384);
        }
        catch (CryptographicException)
        {
            throw new EhrAuthException(EhrAuthCodes.ConfigurationInvalid);
        }
        catch (ArgumentException)
        {
            throw new EhrAuthException(EhrAuthCodes.ConfigurationInvalid);
        }
    }

    private static bool TryEc(string pem, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ECDsa? ec)
    {
        ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            return true;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            ec.Dispose();
            ec = null;
            return false;
        }
    }
}
