import Foundation
import GlanceAPI

/// The bytes `DiskFormatDetector` looks at, read from a file.
public enum FormatSample {
    public static func read(_ path: String) throws(LocalFileError) -> (head: Data, tail: Data, size: Int64) {
        try LocalFile.sample(path, head: DiskFormatDetector.headLength, tail: DiskFormatDetector.tailLength)
    }

    public static func detect(_ path: String) throws(LocalFileError) -> (guess: FormatGuess, size: Int64) {
        let sample = try read(path)
        return (DiskFormatDetector.detect(head: sample.head, tail: sample.tail, fileSize: sample.size), sample.size)
    }
}
