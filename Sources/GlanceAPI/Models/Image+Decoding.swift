import Foundation

extension Image {
    public enum DecodingError: Error, Equatable { case notAnObject, missingID }

    /// Tolerant decoding: only `id` is required. Wrongly typed fields are recorded, not fatal.
    public init(json: JSONValue) throws(DecodingError) {
        guard let object = json.objectValue else { throw .notAnObject }
        guard let id = object["id"]?.stringValue, !id.isEmpty else { throw .missingID }
        self.init(decoding: object, id: id)
    }

    init(decoding object: [String: JSONValue], id: String) {
        var mismatches: [String] = []
        func string(_ key: String) -> String? {
            switch object[key] {
            case nil, .null?: return nil
            case .string(let s)?: return s
            case let other?: mismatches.append(key); return other.displayText
            }
        }
        func int(_ key: String) -> Int64? {
            switch object[key] {
            case nil, .null?: return nil
            case .number?: return object[key]?.looseInt
            case let other?:
                mismatches.append(key)
                return other.looseInt
            }
        }
        func bool(_ key: String) -> Bool? {
            switch object[key] {
            case nil, .null?: return nil
            case .bool(let b)?: return b
            case let other?:
                mismatches.append(key)
                return other.looseBool
            }
        }
        self.id = id
        name = string("name")
        status = ImageStatus(raw: string("status") ?? "unknown")
        visibility = string("visibility").map(ImageVisibility.init(raw:))
        owner = string("owner")
        isProtected = bool("protected")
        isHidden = bool("os_hidden")
        size = int("size")
        virtualSize = int("virtual_size")
        minDisk = int("min_disk")
        minRAM = int("min_ram")
        diskFormat = string("disk_format")
        containerFormat = string("container_format")
        createdAt = string("created_at")
        // Some vendor builds spell it "update_at".
        updatedAt = string("updated_at") ?? string("update_at")
        updated = updatedAt.flatMap(ISOTime.parse)
        checksum = string("checksum")
        hashAlgorithm = string("os_hash_algo")
        hashValue = string("os_hash_value")
        if case .array(let values)? = object["tags"] {
            tags = values.map(\.displayText)
        } else {
            tags = []
        }
        var fields = object
        // A vendor's "update_at" is the update time, not a property of the user's: shown and
        // kept as updated_at, so it is neither listed among properties nor offered for editing.
        if fields["updated_at"] == nil, let misspelt = fields.removeValue(forKey: "update_at") {
            fields["updated_at"] = misspelt
        }
        self.fields = fields
        typeMismatches = mismatches
    }
}
