import Dispatch
import Foundation
import Synchronization

/// Hashes a stream with one thread per digest while the caller goes on receiving and writing:
/// the bytes are copied into one of a few pooled buffers, and each digest's serial queue hashes
/// them in order. The receiving thread waits only when every buffer is still being hashed, so
/// memory stays bounded (`slots` × `slotSize`) however large the image.
final class HashPipeline {
    static let slotSize = 256 * 1024
    static let slots = 4

    private let lanes: [Lane]
    private let pool: Pool
    private var current: Slot?

    init(_ digests: [Digest]) {
        lanes = digests.enumerated().map { Lane(digest: $0.element, index: $0.offset) }
        pool = Pool(count: digests.isEmpty ? 0 : Self.slots, size: Self.slotSize)
    }

    deinit {
        drain()
        pool.deallocate()
    }

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard !lanes.isEmpty else { return }
        var offset = 0
        while offset < bytes.count {
            let slot = current ?? pool.take()
            let n = min(Self.slotSize - slot.count, bytes.count - offset)
            UnsafeMutableRawBufferPointer(rebasing: slot.buffer[slot.count..<slot.count + n])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n]))
            slot.count += n
            offset += n
            if slot.count == Self.slotSize {
                submit(slot)
                current = nil
            } else {
                current = slot
            }
        }
    }

    /// Waits until every byte given so far is hashed.
    func drain() {
        if let slot = current {
            submit(slot)
            current = nil
        }
        for lane in lanes { lane.queue.sync {} }
    }

    private func submit(_ slot: Slot) {
        slot.pending.store(lanes.count, ordering: .releasing)
        let pool = self.pool
        for lane in lanes {
            lane.queue.async {
                lane.digest.update(UnsafeRawBufferPointer(rebasing: slot.buffer[..<slot.count]))
                if slot.pending.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 { pool.give(back: slot) }
            }
        }
    }

    /// A digest and the queue that alone touches it.
    private final class Lane: @unchecked Sendable {
        let digest: Digest
        let queue: DispatchQueue

        init(digest: Digest, index: Int) {
            self.digest = digest
            queue = DispatchQueue(label: "glance-tui.hash.\(index)", qos: .userInitiated)
        }
    }

    /// A buffer and how many lanes still have to hash it.
    final class Slot: @unchecked Sendable {
        let buffer: UnsafeMutableRawBufferPointer
        var count = 0
        let pending = Atomic<Int>(0)

        init(size: Int) { buffer = .allocate(byteCount: size, alignment: 64) }
    }

    /// Free slots; `take` blocks until one is given back.
    final class Pool: @unchecked Sendable {
        private let all: [Slot]
        private let free: Mutex<[Slot]>
        private let available: DispatchSemaphore

        init(count: Int, size: Int) {
            all = (0..<count).map { _ in Slot(size: size) }
            free = Mutex(all)
            available = DispatchSemaphore(value: count)
        }

        func take() -> Slot {
            available.wait()
            let slot = free.withLock { $0.removeLast() }
            slot.count = 0
            return slot
        }

        func give(back slot: Slot) {
            free.withLock { $0.append(slot) }
            available.signal()
        }

        func deallocate() { for slot in all { slot.buffer.deallocate() } }
    }
}
