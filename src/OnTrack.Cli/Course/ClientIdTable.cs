using System.Text;

namespace OnTrack.Cli.Course;

/// <summary>
/// Client ids as bytes in one growing array with an open-addressing hash index: a million clients cost
/// three arrays rather than a million strings and dictionary entries for the garbage collector to trace.
/// </summary>
internal sealed class ClientIdTable
{
    private byte[] _bytes = new byte[1 << 16];
    private int _used;
    private int[] _offsets = new int[1024];
    private int[] _lengths = new int[1024];
    private int[] _hashes = new int[1024];
    private int[] _slots = new int[2048];

    public int Count { get; private set; }

    /// <summary>The index of this id, adding it if new (<paramref name="added"/> tells which).</summary>
    public int GetOrAdd(ReadOnlySpan<byte> id, out bool added)
    {
        var hash = Hash(id);
        var mask = _slots.Length - 1;
        var slot = hash & mask;
        while (true)
        {
            var entry = _slots[slot] - 1;
            if (entry < 0)
            {
                break;
            }

            if (_hashes[entry] == hash && id.SequenceEqual(_bytes.AsSpan(_offsets[entry], _lengths[entry])))
            {
                added = false;
                return entry;
            }

            slot = (slot + 1) & mask;
        }

        var index = Count++;
        if (index == _offsets.Length)
        {
            Array.Resize(ref _offsets, index * 2);
            Array.Resize(ref _lengths, index * 2);
            Array.Resize(ref _hashes, index * 2);
        }

        while (_used + id.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, _bytes.Length * 2);
        }

        id.CopyTo(_bytes.AsSpan(_used));
        (_offsets[index], _lengths[index], _hashes[index]) = (_used, id.Length, hash);
        _used += id.Length;
        _slots[slot] = index + 1;
        if (Count * 2 > _slots.Length)
        {
            Rehash();
        }

        added = true;
        return index;
    }

    /// <summary>The id at an index, as text.</summary>
    public string Id(int index) => Encoding.UTF8.GetString(_bytes, _offsets[index], _lengths[index]);

    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var i = 0; i < Count; i++)
        {
            var slot = _hashes[i] & mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = i + 1;
        }
    }

    /// <summary>FNV-1a with a final avalanche, so sequential ids ("1", "2", …) spread over the table.</summary>
    private static int Hash(ReadOnlySpan<byte> id)
    {
        var h = 2166136261u;
        foreach (var b in id)
        {
            h = (h ^ b) * 16777619u;
        }

        h ^= h >> 16;
        h *= 0x85ebca6bu;
        h ^= h >> 13;
        return (int)(h & 0x7fffffff);
    }
}
